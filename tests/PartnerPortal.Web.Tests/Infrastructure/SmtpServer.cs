using System.Diagnostics;
using System.Net.Sockets;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd, storing every message it receives in a Maildir (installed by
/// scripts/test.sh as python3-aiosmtpd; run with /usr/bin/python3, which has the module).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private static readonly string[] DeliveredFolders = ["new", "cur"];
    private readonly string _maildir;

    private SmtpServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync(int? onPort = null)
    {
        var port = onPort ?? PostgresServer.FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "pp-smtp-" + Guid.NewGuid().ToString("N"));
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox {maildir}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return new SmtpServer(process, maildir, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "timed out";
                throw new InvalidOperationException("aiosmtpd did not start: " + error);
            }
        }
    }

    /// <summary>
    /// The raw text of every delivered message. A maildir writes each message under tmp/ and then moves it to new/, so only
    /// new/ and cur/ are read, and a file moved away between listing and reading is skipped (read at the next look).
    /// </summary>
    private List<string> ReadAll()
    {
        var texts = new List<string>();
        foreach (var folder in DeliveredFolders.Select(f => Path.Combine(_maildir, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                try
                {
                    texts.Add(File.ReadAllText(file));
                }
                catch (FileNotFoundException)
                {
                }
            }
        }

        return texts;
    }

    /// <summary>How many received messages contain <paramref name="needle"/>.</summary>
    public int Count(string needle) => ReadAll().Count(m => m.Contains(needle, StringComparison.Ordinal));

    /// <summary>The decoded text bodies of every message received so far.</summary>
    public IReadOnlyList<string> Bodies() =>
        ReadAll().Select(m => Mime.DecodeBody(m.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal))).ToList();

    /// <summary>Every message received so far, headers and all, with CRLF line endings (for <see cref="Mime"/>).</summary>
    public IReadOnlyList<string> Messages() =>
        ReadAll().Select(m => m.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)).ToList();

    /// <summary>Waits for a message whose raw text contains <paramref name="needle"/> (e.g. the recipient).</summary>
    public async Task<string> WaitForMessageAsync(string needle, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = ReadAll().FirstOrDefault(m => m.Contains(needle, StringComparison.Ordinal));
            if (found is not null)
            {
                // aiosmtpd's Mailbox stores LF line endings; the MIME reader expects CRLF.
                return found.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message containing '{needle}' arrived.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}

/// <summary>The browser fixture with the portal sending mail to a real SMTP server on loopback.</summary>
public sealed class MailingBrowserFixture : BrowserFixture
{
    public SmtpServer Smtp { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
