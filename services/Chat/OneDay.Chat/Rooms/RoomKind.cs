namespace OneDay.Chat.Rooms;

public enum RoomKind
{
    /// <summary>The employer and one matched worker (one per application).</summary>
    Direct,

    /// <summary>The employer and every worker matched for one job.</summary>
    Group,
}
