using OneDay.Chat.Data;
using OneDay.Testing;

namespace OneDay.Chat.Tests;

public sealed class ChatModelMatchesMigrationsTests : ModelMatchesMigrationsTests<ChatDbContextFactory, ChatDbContext>;
