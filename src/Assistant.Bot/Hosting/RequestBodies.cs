using System.Buffers;

namespace Assistant.Bot.Hosting;

/// <summary>Reading a request body the protocol handlers parse themselves, with a cap.</summary>
public static class RequestBodies
{
    /// <summary>
    /// The body, read until its end or until it passes <paramref name="limit"/> bytes (then null: too large). The
    /// buffer grows with what arrives, so a small body costs a small buffer whatever the cap.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        int read;
        while ((read = await request.Body.ReadAsync(buffer.GetMemory(Math.Min(16 * 1024, limit + 1)), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }

        return buffer.WrittenMemory;
    }
}
