using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OneDay.Chat.Messages;
using OneDay.Chat.Participants;
using OneDay.Chat.Rooms;
using OneDay.Persistence;

namespace OneDay.Chat.Data;

public sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<RoomMember> Members => Set<RoomMember>();
    public DbSet<ChatMessage> Messages => Set<ChatMessage>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<UndoneMatch> UndoneMatches => Set<UndoneMatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Room>(room =>
        {
            room.ToTable("rooms");
            room.Property(r => r.Id).HasColumnName("id");
            room.Property(r => r.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(10);
            room.Property(r => r.JobId).HasColumnName("job_id");
            room.Property(r => r.ApplicationId).HasColumnName("application_id");
            room.Property(r => r.Title).HasColumnName("title").HasMaxLength(200);
            room.Property(r => r.WorkStartsAt).HasColumnName("work_starts_at");
            room.Property(r => r.WorkEndsAt).HasColumnName("work_ends_at");
            room.Property(r => r.CreatedAt).HasColumnName("created_at");
            room.Property(r => r.LastActivityAt).HasColumnName("last_activity_at");
            room.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RoomId);
            // One direct room per match and one group room per job, however often job-matched arrives.
            room.HasIndex(r => r.ApplicationId).IsUnique().HasFilter("application_id IS NOT NULL").HasDatabaseName("ux_rooms_application");
            room.HasIndex(r => r.JobId).IsUnique().HasFilter("kind = 'Group'").HasDatabaseName("ux_rooms_job_group");
        });
        modelBuilder.Entity<RoomMember>(member =>
        {
            member.ToTable("room_members");
            member.HasKey(m => new { m.RoomId, m.UserId });
            member.Property(m => m.RoomId).HasColumnName("room_id");
            member.Property(m => m.UserId).HasColumnName("user_id");
            member.Property(m => m.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(10);
            member.Property(m => m.JoinedAt).HasColumnName("joined_at");
            member.Property(m => m.LastReadMessageId).HasColumnName("last_read_message_id");
            member.HasIndex(m => m.UserId).HasDatabaseName("ix_room_members_user");
        });
        modelBuilder.Entity<ChatMessage>(message =>
        {
            message.ToTable("messages");
            message.Property(m => m.Id).HasColumnName("id");
            message.Property(m => m.RoomId).HasColumnName("room_id");
            message.Property(m => m.SenderId).HasColumnName("sender_id");
            message.Property(m => m.ClientMessageId).HasColumnName("client_message_id");
            message.Property(m => m.Text).HasColumnName("text").HasMaxLength(MessageText.MaxLength);
            message.Property(m => m.SentAt).HasColumnName("sent_at");
            message.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId);
            // History, last message, unread counts and cursors all read one room's range of this index.
            message.HasIndex(m => new { m.RoomId, m.Id }).HasDatabaseName("ix_messages_room_id");
            message.HasIndex(m => new { m.RoomId, m.SenderId, m.ClientMessageId }).IsUnique().HasDatabaseName("ux_messages_client_id");
        });
        modelBuilder.Entity<Participant>(participant =>
        {
            participant.ToTable("participants");
            participant.HasKey(p => p.UserId);
            participant.Property(p => p.UserId).HasColumnName("user_id");
            participant.Property(p => p.DisplayName).HasColumnName("display_name").HasMaxLength(100);
            participant.Property(p => p.IsDeleted).HasColumnName("is_deleted");
        });
        modelBuilder.Entity<UndoneMatch>(undone =>
        {
            undone.ToTable("undone_matches");
            undone.HasKey(u => u.ApplicationId);
            undone.Property(u => u.ApplicationId).HasColumnName("application_id");
            undone.Property(u => u.JobId).HasColumnName("job_id");
            undone.Property(u => u.WorkerId).HasColumnName("worker_id");
            undone.Property(u => u.UndoneAt).HasColumnName("undone_at");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>For `dotnet ef migrations add`: the model without starting the app (which needs its sidecar).</summary>
public sealed class ChatDbContextFactory : IDesignTimeDbContextFactory<ChatDbContext>
{
    public ChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatDbContext>().UseNpgsql("Host=127.0.0.1;Database=oneday_chat_design").Options);
}
