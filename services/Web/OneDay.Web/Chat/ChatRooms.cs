using OneDay.Web.Clients;

namespace OneDay.Web.Chat;

/// <summary>The signed-in person's rooms at the chat API, which lists only the rooms they are a member of.</summary>
public sealed class ChatRooms(GatewayClient gateway)
{
    public const int PageSize = 100;

    public Task<ApiResult<ChatRoomListPage>> PageAsync(string? cursor, CancellationToken cancellationToken) =>
        gateway.GetAsync<ChatRoomListPage>($"chat/rooms?limit={PageSize}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", cancellationToken);

    /// <summary>
    /// The person's room that <paramref name="wanted"/> picks, read page after page (null when none does), or why
    /// the list could not be read.
    /// </summary>
    public async Task<(ChatRoom? Room, string? Error)> FindAsync(Func<ChatRoom, bool> wanted, CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await PageAsync(cursor, cancellationToken);
            if (page.Value is not { } rooms) return (null, page.Error ?? ProblemMessages.ForStatus(page.Status));
            if (rooms.Rooms.FirstOrDefault(wanted) is { } room) return (room, null);
            cursor = rooms.NextCursor;
        }
        while (cursor is not null);
        return (null, null);
    }
}
