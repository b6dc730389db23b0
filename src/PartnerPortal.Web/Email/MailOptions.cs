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

    /// <summary>How long one delivery may take, connection included.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>How often the dispatcher looks for queued messages when there was nothing to send.</summary>
    public double OutboxPollSeconds { get; set; } = 2;

    /// <summary>How long a message is retried before it counts as not delivered (a relay's maintenance window is shorter).</summary>
    public TimeSpan RetryFor { get; set; } = Domain.Invitations.DeliveryRetryPolicy.Default.RetryFor;

    /// <summary>The longest wait between two attempts at one message.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = Domain.Invitations.DeliveryRetryPolicy.Default.MaxDelay;

    public Domain.Invitations.DeliveryRetryPolicy RetryPolicy => new(MaxRetryDelay, RetryFor);
}

public sealed record MailMessageToSend(IReadOnlyList<string> To, string Subject, string Body, string? ReplyTo);

public interface IMailSender
{
    Task SendAsync(MailMessageToSend message, CancellationToken ct = default);
}
