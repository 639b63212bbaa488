using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Chat.Messages;
using OneDay.Chat.Participants;
using OneDay.Chat.Rooms;
using OneDay.Persistence.Database;

namespace OneDay.Chat.Data;

public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomMember> Members => Set<RoomMember>();
    public DbSet<ChatMessage> Messages => Set<ChatMessage>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<UndoneMatch> UndoneMatches => Set<UndoneMatch>();
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class ChatDbContextFactory : IDesignTimeDbContextFactory<ChatDbContext>
{
    public ChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_chat_design").Options);
}
