namespace OneDay.Users.Accounts;

public enum UserStatus
{
    Active,
    Suspended,
    Deleted,
}
