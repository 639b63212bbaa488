using Dapr;
using Microsoft.AspNetCore.Mvc;

namespace OneDay.DaprEmulator.Tests.TestApp;

/// <summary>A subscription declared the MVC way, with [Topic].</summary>
[ApiController]
public sealed class AttributedTopicController : ControllerBase
{
    [Topic("pubsub", "attributed")]
    [HttpPost("events/attributed")]
    public IActionResult Receive(OrderPlaced order) => Ok(new { received = order.OrderId });
}

public sealed record OrderPlaced(string OrderId, int Amount);
