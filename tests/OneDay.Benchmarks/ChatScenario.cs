extern alias chat;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;
using ChatHub = chat::OneDay.Chat.Realtime.ChatHub;
using ChatProgram = chat::Program;
using MessageView = chat::OneDay.Chat.Messages.MessageView;
using RoomBroadcaster = chat::OneDay.Chat.Realtime.RoomBroadcaster;

namespace OneDay.Benchmarks;

/// <summary>
/// Chat with 1,000 connected clients (budget: message to room members p95 ≤ 20 ms). Rooms are the group
/// rooms of jobs, opened as in production by job-matched (an employer and the workers matched to the job);
/// every member holds a SignalR connection to /chat/socket and has joined its room. A few senders send
/// one message at a time; a message's latency runs from SendMessage until every member of the room,
/// the sender included, has received message_sent.
/// </summary>
public static class ChatScenario
{
    /// <summary>How many clients connect at once while the rooms fill: enough to be quick, few enough not to starve the service on 2 cores.</summary>
    private const int Connecting = 16;

    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioReport> RunAsync(BenchmarkContext context)
    {
        var (settings, time, cancellationToken) = (context.Settings, context.Time, context.CancellationToken);
        var roomSize = Math.Max(2, settings.ChatRoomSize);
        var roomCount = Math.Max(1, settings.ChatClients / roomSize);
        await using var stack = await ServiceStack.StartAsync<ChatProgram>("chat", usesRedis: true, new Dictionary<string, string?>
        {
            // What is measured is delivery, not the anti-spam limit: senders here send as fast as they can.
            ["Chat:MessagesPerWindow"] = "10000",
            ["Chat:SendWindow"] = "00:00:01",
            // The floor row calls LeaveRoom as fast as it can: it measures the hub's round trip, not the per-connection budget.
            ["HubCalls:Burst"] = "10000",
            ["HubCalls:PerSecond"] = "10000",
        });

        var jobs = Enumerable.Range(0, roomCount)
            .Select(_ => new MatchedJob(Guid.CreateVersion7(), Guid.CreateVersion7(), [.. Enumerable.Range(1, roomSize - 1).Select(_ => Guid.CreateVersion7())]))
            .ToList();
        var startsAt = time.GetUtcNow().AddHours(3);
        var matches = jobs.Select(job => job.Workers.Select(worker => new JobMatched(job.JobId, Guid.CreateVersion7(), job.EmployerId, worker, "물류센터 상하차", startsAt, startsAt.AddHours(8))
        {
            EventId = Guid.NewGuid(),
            OccurredAt = time.GetUtcNow(),
        }).ToList()).ToList();
        // Each job's first match opens its group room before the others join it: matches of one job racing to
        // open the room would be refused by its unique index and wait for redelivery, slowing the set-up down.
        await stack.PublishAsync(matches.Select(m => m[0]), cancellationToken);
        await stack.WaitForCountAsync("SELECT count(*) FROM rooms WHERE kind = 'Group'", roomCount, "every job's group room opening", cancellationToken);
        await stack.PublishAsync(matches.SelectMany(m => m.Skip(1)), cancellationToken);
        await stack.WaitForCountAsync(
            "SELECT count(*) FROM room_members m JOIN rooms r ON r.id = m.room_id WHERE r.kind = 'Group'", roomCount * roomSize, "every job's group room filling", cancellationToken);
        var roomOfJob = await GroupRoomsAsync(stack, cancellationToken);

        var deliveries = new Deliveries();
        var connected = new ConcurrentBag<RoomClient>();
        try
        {
            var everyone = jobs.SelectMany(job => job.Workers.Select(worker => (User: worker, Role: UserRole.Worker))
                    .Prepend((User: job.EmployerId, Role: UserRole.Employer))
                    .Select(member => (member.User, member.Role, Room: roomOfJob[job.JobId])))
                .ToList();
            var connect = await LoadRun.MeasureEachAsync("connect to /chat/socket + JoinRoom",
                everyone.Chunk((everyone.Count + Connecting - 1) / Connecting).ToList(),
                async member =>
                {
                    var client = await RoomClient.ConnectAsync(stack.Service.BaseAddress, member.User, member.Role, member.Room, deliveries, cancellationToken);
                    connected.Add(client);
                    await client.Connection.InvokeAsync("JoinRoom", member.Room, cancellationToken);
                    return true;
                }, cancellationToken);

            var clients = connected.ToList();
            // The service and its clients share this process, so this is an upper bound on the server's share.
            GC.Collect();
            var memory = $"{Environment.WorkingSet / (1024 * 1024):N0} MiB working set, {GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024):N0} MiB managed heap";
            var rooms = clients.GroupBy(c => c.RoomId).Select(g => g.ToList()).ToList();
            var sent = -1;
            var budget = new RowBudget("p95 ≤ 20 ms", r => r.Percentile(95) <= 20);
            var rows = new List<ReportRow>();
            // One sender shows the path's own latency; more show it with messages queueing behind each other.
            foreach (var senders in new[] { 1, settings.ChatSenders }.Distinct())
            {
                // LeaveRoom of a room the connection never joined returns at once, touching neither PostgreSQL nor
                // Redis: a whole hub round trip (frame, auth'd connection, dispatch, completion) and nothing else.
                rows.Add(new ReportRow(await LoadRun.MeasureAsync("hub round trip (LeaveRoom of a room not joined)", senders, settings.Duration, settings.WarmUp, async _ =>
                {
                    await clients[Random.Shared.Next(clients.Count)].Connection.InvokeAsync("LeaveRoom", Guid.NewGuid(), cancellationToken);
                    return true;
                }, cancellationToken), RowRole.Floor));
                rows.Add(new ReportRow(await LoadRun.MeasureAsync($"message → all {roomSize} members of its room", senders, settings.Duration, settings.WarmUp, async _ =>
                {
                    // Round-robin over the rooms, and over the members within a room, so every room and member takes turns.
                    var n = Interlocked.Increment(ref sent);
                    var room = rooms[n % rooms.Count];
                    var sender = room[n / rooms.Count % room.Count];
                    var clientMessageId = Guid.NewGuid();
                    var delivered = deliveries.Expect(clientMessageId, room.Count);
                    try
                    {
                        await sender.Connection.InvokeAsync<MessageView>("SendMessage", sender.RoomId, clientMessageId, $"벤치마크 메시지 {n}", cancellationToken);
                        await delivered.WaitAsync(DeliveryTimeout, cancellationToken);
                        return true;
                    }
                    catch (Exception ex) when (ex is HubException or TimeoutException)
                    {
                        return false;
                    }
                    finally
                    {
                        deliveries.Forget(clientMessageId);
                    }
                }, cancellationToken), RowRole.Measured, budget));
            }

            return new ScenarioReport("chat", $"chat, {clients.Count:N0} connected clients",
                $"{rooms.Count} group rooms of {roomSize} (an employer and the workers matched to the job, opened by job-matched); every member connected " +
                $"over WebSockets and joined to its room. 1, then {settings.ChatSenders} senders each send one message at a time, round-robin over rooms and members; " +
                "a message counts as delivered when every member, the sender included, has received message_sent (and the sender its answer). " +
                "The floor is a hub round trip on the same connections that does no work, at the same concurrency.",
                [new ReportRow(connect, RowRole.Peer), .. rows],
                [
                    new ScenarioCheck("messages only to their room's members, once each", $"{deliveries.Strays} deliveries elsewhere or twice", deliveries.Strays == 0, Invariant: true),
                    new ScenarioCheck($"memory with {clients.Count:N0} clients connected (service and clients in one process)", memory, null),
                ],
                []);
        }
        finally
        {
            await Parallel.ForEachAsync(connected, new ParallelOptions { MaxDegreeOfParallelism = Connecting }, async (client, _) => await client.Connection.DisposeAsync());
        }
    }

    private static async Task<Dictionary<Guid, Guid>> GroupRoomsAsync(ServiceStack<ChatProgram> stack, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(stack.Database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT job_id, id FROM rooms WHERE kind = 'Group'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rooms = new Dictionary<Guid, Guid>();
        while (await reader.ReadAsync(cancellationToken)) rooms[reader.GetGuid(0)] = reader.GetGuid(1);
        return rooms;
    }

    /// <summary>A job, its employer and the workers matched to it: the members of the job's group room.</summary>
    private sealed record MatchedJob(Guid JobId, Guid EmployerId, IReadOnlyList<Guid> Workers);

    /// <summary>One member's connection, reporting every message_sent it receives to <see cref="Deliveries"/>.</summary>
    private sealed record RoomClient(HubConnection Connection, Guid RoomId)
    {
        public static async Task<RoomClient> ConnectAsync(
            Uri service, Guid userId, UserRole role, Guid roomId, Deliveries deliveries, CancellationToken cancellationToken)
        {
            var token = TestTokens.For(userId, role);
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(service, ChatHub.Path), options =>
                {
                    // Straight to WebSockets, as browsers connect in production: one handshake per client instead of two.
                    options.SkipNegotiation = true;
                    options.Transports = HttpTransportType.WebSockets;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions))
                .Build();
            connection.On<MessageView>(RoomBroadcaster.MessageSent, message => deliveries.Arrived(roomId, message));
            try
            {
                await connection.StartAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            return new RoomClient(connection, roomId);
        }
    }

    /// <summary>
    /// Messages on their way: each completes when as many members as its room has have received it.
    /// A message that reaches a connection of another room, or more connections than its room has, is a stray.
    /// </summary>
    private sealed class Deliveries
    {
        private readonly ConcurrentDictionary<Guid, Expected> _pending = new();
        private int _strays;

        public int Strays => Volatile.Read(ref _strays);

        public Task Expect(Guid clientMessageId, int members)
        {
            var expected = new Expected(members);
            _pending[clientMessageId] = expected;
            return expected.Done.Task;
        }

        public void Forget(Guid clientMessageId) => _pending.TryRemove(clientMessageId, out _);

        public void Arrived(Guid connectionRoomId, MessageView message)
        {
            if (message.RoomId != connectionRoomId) Interlocked.Increment(ref _strays);
            if (!_pending.TryGetValue(message.ClientMessageId, out var expected)) return;
            var left = Interlocked.Decrement(ref expected.Remaining);
            if (left == 0) expected.Done.TrySetResult();
            if (left < 0) Interlocked.Increment(ref _strays);
        }

        private sealed class Expected(int members)
        {
            public int Remaining = members;

            public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
