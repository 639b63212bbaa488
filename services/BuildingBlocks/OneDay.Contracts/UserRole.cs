namespace OneDay.Contracts;

/// <summary>The roles an account can have; also the authorization policy names.</summary>
public enum UserRole
{
    Worker,
    Employer,
    Admin,
}
