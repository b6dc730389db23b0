using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace PartnerPortal.Web.Email;

/// <summary>
/// Delivers with MailKit (what Microsoft's docs recommend over System.Net.Mail), within a time limit so a server that accepts
/// the connection and never answers cannot hold a dispatcher; with no SMTP host, writes each message as an .eml file into
/// the pickup folder.
/// </summary>
public sealed class MailKitMailSender(IOptions<MailOptions> options, IHostEnvironment environment) : IMailSender
{
    public async Task SendAsync(MailMessageToSend message, CancellationToken ct = default)
    {
        var o = options.Value;
        var mime = new MimeMessage { Subject = message.Subject, Body = new TextPart("plain") { Text = message.Body } };
        mime.From.Add(MailboxAddress.Parse(o.From));
        mime.To.AddRange(message.To.Select(MailboxAddress.Parse));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var folder = Path.GetFullPath(o.PickupDirectory, environment.ContentRootPath);
            Directory.CreateDirectory(folder);
            // An .eml file is a message as it travels: CRLF line endings, whatever the platform's.
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            await mime.WriteToAsync(format, Path.Combine(folder, $"{Guid.NewGuid():N}.eml"), ct);
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        await client.ConnectAsync(o.Host, o.Port, o.EnableSsl ? SecureSocketOptions.Auto : SecureSocketOptions.None, limit.Token);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? string.Empty, limit.Token);
        }

        await client.SendAsync(mime, limit.Token);
        await client.DisconnectAsync(quit: true, limit.Token);
    }
}
