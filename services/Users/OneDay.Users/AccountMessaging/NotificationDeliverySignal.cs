using OneDay.ServiceDefaults.Background;

namespace OneDay.Users.AccountMessaging;

/// <summary>Wakes this instance's delivery worker right after a pending notification commits, instead of at the next poll.</summary>
public sealed class NotificationDeliverySignal : WakeSignal;
