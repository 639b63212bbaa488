namespace OneDay.Realtime;

/// <summary>A hub method limited by a rule of its own (e.g. messages per user across instances), not by the per-connection call budget.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OwnRateLimitAttribute : Attribute;
