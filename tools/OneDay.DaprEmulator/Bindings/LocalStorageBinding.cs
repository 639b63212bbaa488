using System.Text;
using System.Text.Json;

namespace OneDay.DaprEmulator.Bindings;

/// <summary>
/// bindings.localstorage (components-contrib v1.16.13 bindings/localstorage/localstorage.go): files under
/// `rootPath` (relative paths resolve against the sidecar's working directory). `create` writes the
/// data to metadata `fileName` (a new UUID when absent) after unquoting a JSON string and decoding
/// base64 when the data is either, and answers {"fileName": relative path}; `get`, `delete`, `list`
/// as the component does. File names cannot escape the root.
/// </summary>
public sealed class LocalStorageBinding : IOutputBinding
{
    private readonly string _root;
    private readonly BindingLog _log;

    public LocalStorageBinding(string rootPath, string workingDirectory, BindingLog log)
    {
        if (string.IsNullOrEmpty(rootPath)) throw new InvalidDataException("property rootPath must not be empty");
        _root = Path.GetFullPath(Path.IsPathRooted(rootPath) ? rootPath : Path.Combine(workingDirectory, rootPath));
        Directory.CreateDirectory(_root);
        _log = log;
    }

    public Task<BindingResult> InvokeAsync(BindingInvocation invocation, CancellationToken cancellationToken)
    {
        _log.Add(invocation);
        var fileName = invocation.Metadata.GetValueOrDefault("fileName") ?? "";
        if (fileName.Length == 0 && invocation.Operation == "create") fileName = Guid.NewGuid().ToString();
        var path = SecureJoin(fileName);
        return invocation.Operation switch
        {
            "create" => CreateAsync(path, invocation.Data, cancellationToken),
            "get" => GetAsync(path, cancellationToken),
            "delete" => Delete(path),
            "list" => Task.FromResult(Result(JsonSerializer.SerializeToUtf8Bytes(
                Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).ToList()))),
            _ => throw new InvalidOperationException($"unsupported operation {invocation.Operation}"),
        };
    }

    private async Task<BindingResult> CreateAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(data);
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                data = Encoding.UTF8.GetBytes(JsonSerializer.Deserialize<string>(text)!);
                text = Encoding.UTF8.GetString(data);
            }
            catch (JsonException)
            {
                // Not a quoted string after all: written as given, like strconv.Unquote failing.
            }
        }
        var buffer = new byte[data.Length];
        if (text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written)) data = buffer[..written];

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, data, cancellationToken).ConfigureAwait(false);
        return Result(JsonSerializer.SerializeToUtf8Bytes(new { fileName = Path.GetRelativePath(_root, path) }));
    }

    private static async Task<BindingResult> GetAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}");
        return Result(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }

    private static Task<BindingResult> Delete(string path)
    {
        File.Delete(path);
        return Task.FromResult(Result([]));
    }

    private string SecureJoin(string fileName)
    {
        var full = Path.GetFullPath(Path.Combine(_root, fileName.TrimStart('/')));
        return full == _root || full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : Path.Combine(_root, Path.GetFileName(fileName));
    }

    private static BindingResult Result(byte[] data) => new(data, new Dictionary<string, string>());
}
