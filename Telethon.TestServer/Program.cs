using Telethon.TestServer;

// dotnet run --project Telethon.TestServer -- --port 0 --dcs 3 [--world FILE] [--faults FILE] [--log FILE] [--key FILE] (--help lists the options)
return await TestServerProgram.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
