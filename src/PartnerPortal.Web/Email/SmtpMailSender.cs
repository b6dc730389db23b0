using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Email;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SMTP host; leave empty to write each message as an .eml file into <see cref="PickupDirectory"/>.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "PartnerPortal <no-reply@partnerportal.localhost>";
    public string PickupDirectory { get; set; } = "var/mail";
}

public sealed record MailMessageToSend(IReadOnlyList<string> To, string Subject, string Body, string? ReplyTo);

public interface IMailSender
{
    Task SendAsync(MailMessageToSend message, CancellationToken ct = default);
}

/// <summary>Sends through an SMTP server, or into a pickup folder when none is configured (README "Email").</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, IHostEnvironment environment) : IMailSender
{
    public async Task SendAsync(MailMessageToSend message, CancellationToken ct = default)
    {
        var o = options.Value;
        using var mail = new MailMessage { From = new MailAddress(o.From), Subject = message.Subject, Body = message.Body, IsBodyHtml = false };
        mail.BodyEncoding = System.Text.Encoding.UTF8;
        mail.SubjectEncoding = System.Text.Encoding.UTF8;
        foreach (var to in message.To)
        {
            mail.To.Add(to);
        }

        if (message.ReplyTo is not null)
        {
            mail.ReplyToList.Add(message.ReplyTo);
        }

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var folder = Path.GetFullPath(o.PickupDirectory, environment.ContentRootPath);
            Directory.CreateDirectory(folder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = folder;
        }
        else
        {
            client.Host = o.Host;
            client.Port = o.Port;
            client.EnableSsl = o.EnableSsl;
            if (!string.IsNullOrEmpty(o.UserName))
            {
                client.Credentials = new System.Net.NetworkCredential(o.UserName, o.Password);
            }
        }

        await client.SendMailAsync(mail, ct);
    }
}
