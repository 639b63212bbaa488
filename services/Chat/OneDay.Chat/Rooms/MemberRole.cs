namespace OneDay.Chat.Rooms;

public enum MemberRole
{
    Employer,
    Worker,
}
