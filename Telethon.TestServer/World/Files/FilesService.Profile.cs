using Telethon.Tl.Abcs;
using FP = Telethon.Tl.Functions.Photos;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class FilesService
{
    /// <summary>The shorter side a profile photo needs at least (PHOTO_CROP_SIZE_SMALL).</summary>
    public const int ProfilePhotoMinSide = 160;

    /// <summary>The most photos one photos.getUserPhotos answers.</summary>
    public const int UserPhotosLimit = 100;

    /// <summary>
    /// photos.uploadProfilePhoto: a new photo (an image of at least 160 px a side) becomes the caller's
    /// current profile photo, ahead of the earlier ones. Videos, fallback photos and bots' photos are not served.
    /// </summary>
    public Tl.Abcs.Photos.Photo UploadProfilePhoto(Caller caller, FP.UploadProfilePhoto request)
    {
        if (request.Video is not null || request.VideoEmojiMarkup is not null || request.Fallback || request.Bot is not null)
            throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented);
        if (request.File is null)
            throw WorldErrors.Bad("PHOTO_FILE_MISSING");
        StoredPhoto photo;
        using (_gate.Enter())
        {
            photo = MakePhotoLocked(caller, request.File, ProfilePhotoMinSide);
            if (!_profilePhotos.TryGetValue(caller.UserId, out var list))
                _profilePhotos[caller.UserId] = list = [];
            list.Insert(0, photo.Id);
        }
        var (users, _) = _world.Peers.Views(caller.UserId, [new PeerKey(PeerKind.User, caller.UserId)]);
        return new T.Photos.Photo { PhotoValue = photo.View(caller.UserId), Users = users };
    }

    /// <summary>
    /// photos.getUserPhotos: a user's profile photos, newest first; <c>max_id</c> (when positive) keeps those with a
    /// smaller id, <c>offset</c> skips, <c>limit</c> takes at most <see cref="UserPhotosLimit"/>. photos.photosSlice
    /// with the full count when more are left.
    /// </summary>
    public Tl.Abcs.Photos.Photos GetUserPhotos(Caller caller, FP.GetUserPhotos request)
    {
        var userId = _world.Peers.ResolveUser(caller.UserId, request.UserId);
        if (request.Offset < 0)
            throw WorldErrors.Bad("OFFSET_INVALID");
        var limit = request.Limit <= 0 || request.Limit > UserPhotosLimit ? UserPhotosLimit : request.Limit;
        Photo[] page;
        int count;
        using (_gate.Enter())
        {
            var all = _profilePhotos.TryGetValue(userId, out var list) ? list : [];
            var matching = request.MaxId > 0 ? all.Where(id => id < request.MaxId).ToList() : all;
            count = matching.Count;
            page = [.. matching.Skip(request.Offset).Take(limit).Select(id => _photos[id].View(caller.UserId))];
        }
        var (users, _) = _world.Peers.Views(caller.UserId, [new PeerKey(PeerKind.User, userId)]);
        return page.Length + request.Offset >= count
            ? new T.Photos.Photos { PhotosValue = page, Users = users }
            : new T.Photos.PhotosSlice { Count = count, Photos = page, Users = users };
    }

    /// <summary>A user's current profile photo as everyone sees it (userProfilePhoto), or null. Called from the peers service's views.</summary>
    public T.UserProfilePhoto? ProfilePhoto(long userId)
    {
        using (_gate.Enter())
        {
            return _profilePhotos.TryGetValue(userId, out var list) && list.Count > 0 && _photos.TryGetValue(list[0], out var photo)
                ? new T.UserProfilePhoto { PhotoId = photo.Id, DcId = photo.DcId }
                : null;
        }
    }

    /// <summary>Makes every file reference handed out so far stale (tests of FILE_REFERENCE_EXPIRED).</summary>
    public void ExpireFileReferences() => Keys.Expire();
}
