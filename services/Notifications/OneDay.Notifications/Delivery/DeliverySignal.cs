using OneDay.ServiceDefaults.Background;

namespace OneDay.Notifications.Delivery;

/// <summary>Wakes this replica's <see cref="DeliveryDispatcher"/> when notifications or deliveries commit.</summary>
public sealed class DeliverySignal : WakeSignal;
