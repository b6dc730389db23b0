using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 9 part 2: email that is never lost. The request records the invitation with its message and returns; a background
/// dispatcher delivers through a real SMTP server (aiosmtpd on loopback) with retries, and two processes never send twice.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly MovableClock _clock = new();
    private readonly int _port = PostgresServer.FreePort();
    private string _connectionString = string.Empty;
    private PortalFactory? _factory;

    private Dictionary<string, string?> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Long enough that a loaded two-core runner never times out a live relay (a timeout waits for the moved clock).
        ["Mail:TimeoutSeconds"] = "5",
        ["Mail:OutboxPollSeconds"] = "0.2",
        // Two hours of attempts: 1, 2, 4, 8, then every 15 minutes; the twelfth failure gives up (1+2+4+8+15×8 = 135 > 120).
        ["Mail:RetryFor"] = "02:00:00",
    };

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        _factory = new PortalFactory(_connectionString, settings: Settings, clock: _clock);
    }

    public async Task DisposeAsync()
    {
        await _factory!.DisposeAsync();
        await TestDatabase.DropAsync(_connectionString);
    }

    private async Task<SentInvitation> WaitForAsync(string recipient, Func<SentInvitation, bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = TestDatabase.OpenSystemContext(_connectionString);
            var sent = await db.SentInvitations.AsNoTracking().SingleOrDefaultAsync(s => s.Recipients == recipient);
            if (sent is not null && condition(sent))
            {
                return sent;
            }

            await Task.Delay(100);
        }

        await using var state = TestDatabase.OpenSystemContext(_connectionString);
        var outbox = await state.SentInvitations.AsNoTracking().OrderBy(s => s.SentAt).Select(s => $"{s.Recipients}: {s.DeliveryStatus}, {s.Attempts} attempts, next {s.NextAttemptAt:O}, locked {s.LockedUntil:O}").ToListAsync();
        throw new TimeoutException($"The invitation to {recipient} never reached the expected state at {_clock.GetUtcNow():O}. Outbox: {string.Join("; ", outbox)}");
    }

    /// <summary>
    /// Moves the clock to each next attempt of the message until it has failed <paramref name="attempts"/> times (a message can
    /// be deferred without an attempt when an older one in its batch was refused first, so one move may not be enough).
    /// </summary>
    private async Task<SentInvitation> FailUntilAsync(string recipient, int attempts)
    {
        for (var i = 0; i < 50; i++)
        {
            var message = await WaitForAsync(recipient, s => s.Attempts >= attempts || s.NextAttemptAt > _clock.GetUtcNow());
            if (message.Attempts >= attempts || message.DeliveryStatus != DeliveryStatus.Queued)
            {
                return message;
            }

            _clock.Advance(message.NextAttemptAt - _clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await Task.Delay(300);
        }

        throw new TimeoutException($"The invitation to {recipient} was not attempted {attempts} times.");
    }

    private async Task<Page> SendAsync(string recipient)
    {
        using var partner = new PortalClient(_factory!);
        await partner.SignInAsync(Partner("contoso", PartnerRole.AdminAgent));
        var draft = await RequestRelationshipAsync(partner);
        return await partner.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = recipient });
    }

    [Fact]
    public async Task With_the_SMTP_server_down_the_invitation_is_recorded_and_delivered_once_when_it_is_back()
    {
        var sent = await SendAsync("down@adatum.example");
        Assert.Equal("/Invitations", sent.Url.AbsolutePath);
        Assert.Equal(nameof(DeliveryStatus.Queued), sent.Find("[data-testid=delivery]")!.GetAttribute("data-delivery"));

        var failed = await WaitForAsync("down@adatum.example", s => s.Attempts >= 1);
        Assert.Equal(DeliveryStatus.Queued, failed.DeliveryStatus);
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        await using var smtp = await SmtpServer.StartAsync(_port);
        _clock.Advance(TimeSpan.FromMinutes(failed.Attempts * 2 + 1));
        var delivered = await WaitForAsync("down@adatum.example", s => s.DeliveryStatus == DeliveryStatus.Sent);
        Assert.NotNull(delivered.DeliveredAt);
        await smtp.WaitForMessageAsync("down@adatum.example");
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(1000);
        Assert.Equal(1, smtp.Count("down@adatum.example"));
    }

    [Fact]
    public async Task An_outage_longer_than_five_attempts_shows_the_next_attempt_and_delivers_once_when_the_relay_is_back()
    {
        using var partner = new PortalClient(_factory!);
        await partner.SignInAsync(Partner("contoso", PartnerRole.AdminAgent));
        await partner.SubmitAsync(await RequestRelationshipAsync(partner), "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "outage@adatum.example" });

        // Seven failures, an hour of outage on the moved clock: the waits grow to 15 minutes and stop growing. (A wait can be
        // longer than this message's own when an older message of the same batch was refused first: the batch waits with it.)
        SentInvitation failing = null!;
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            failing = await FailUntilAsync("outage@adatum.example", attempt);
            Assert.Equal(attempt, failing.Attempts);
            Assert.Equal(DeliveryStatus.Queued, failing.DeliveryStatus);
            Assert.InRange(failing.NextAttemptAt - _clock.GetUtcNow(), TimeSpan.FromMinutes(Math.Min(Math.Pow(2, attempt - 1), 15)) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15));
        }

        var list = await partner.GetAsync("/Invitations");
        var cell = list.Find("[data-testid=delivery][data-delivery=Queued]")!;
        Assert.Contains("attempt 7 failed:", cell.TextContent, StringComparison.Ordinal);
        var next = cell.QuerySelector("[data-testid=next-attempt]")!;
        Assert.Equal(failing.NextAttemptAt, DateTimeOffset.Parse(next.GetAttribute("data-next-attempt")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("Will try again at ", next.TextContent, StringComparison.Ordinal);

        await using var smtp = await SmtpServer.StartAsync(_port);
        _clock.Advance(TimeSpan.FromMinutes(15));
        var delivered = await WaitForAsync("outage@adatum.example", s => s.DeliveryStatus == DeliveryStatus.Sent);
        Assert.Equal(7, delivered.Attempts);
        await smtp.WaitForMessageAsync("outage@adatum.example");
        _clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(1000);
        Assert.Equal(1, smtp.Count("outage@adatum.example"));
        Assert.Contains("Delivered", (await partner.GetAsync("/Invitations")).Find("[data-testid=delivery][data-delivery=Sent]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_failed_for_good_shows_why_and_can_be_retried_from_invitations()
    {
        using var partner = new PortalClient(_factory!);
        await partner.SignInAsync(Partner("contoso", PartnerRole.AdminAgent));
        await partner.SubmitAsync(await RequestRelationshipAsync(partner), "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "gone@adatum.example" });
        await FailUntilAsync("gone@adatum.example", 12);

        var failed = await WaitForAsync("gone@adatum.example", s => s.DeliveryStatus == DeliveryStatus.Failed);
        var list = await partner.GetAsync("/Invitations");
        var cell = list.Find("[data-testid=delivery][data-delivery=Failed]")!;
        Assert.Contains("Not delivered:", cell.TextContent, StringComparison.Ordinal);

        await using var smtp = await SmtpServer.StartAsync(_port);
        var retried = await partner.SubmitAsync(list, "[data-testid=delivery][data-delivery=Failed] form");
        Assert.Contains("is queued again", retried.Find(".status")!.TextContent, StringComparison.Ordinal);
        await WaitForAsync("gone@adatum.example", s => s.DeliveryStatus == DeliveryStatus.Sent);
        Assert.Equal(1, smtp.Count("gone@adatum.example"));
        Assert.Equal(12, failed.Attempts);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_holds_neither_the_request_nor_the_dispatcher()
    {
        var hung = new TcpListener(IPAddress.Loopback, _port);
        hung.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await hung.AcceptTcpClientAsync(stop.Token));
            }
        });
        try
        {
            // The request only records the message: it answers whatever the SMTP server does.
            var sent = await SendAsync("hung@adatum.example");
            Assert.Equal("/Invitations", sent.Url.AbsolutePath);

            // The dispatcher gives up on the silent server after its time limit and records why.
            var failed = await WaitForAsync("hung@adatum.example", s => s.Attempts >= 1);
            Assert.Equal(DeliveryStatus.Queued, failed.DeliveryStatus);
            Assert.NotNull(failed.LastError);
            Assert.NotEmpty(held);
        }
        finally
        {
            await stop.CancelAsync();
            hung.Stop();
            held.ForEach(c => c.Dispose());
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Two_portal_processes_never_deliver_the_same_message_twice()
    {
        await using var smtp = await SmtpServer.StartAsync(_port);
        await using var second = new PortalFactory(_connectionString, settings: Settings, clock: _clock);
        _ = second.Server;
        _ = _factory!.Server;

        await using (var db = TestDatabase.OpenSystemContext(_connectionString))
        {
            var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
            var link = new InvitationLink(InvitationKind.ResellerRelationship, contoso.Id, false, null, _clock.GetUtcNow());
            db.InvitationLinks.Add(link);
            for (var i = 0; i < 20; i++)
            {
                var message = new SentInvitation(link, $"twice{i:00}@adatum.example", "adminagent@contoso.example", "en", _clock.GetUtcNow());
                message.SetMessage($"Invitation {i}", "Please accept: https://portal.example/AdminCenter/Invitation/x");
                db.SentInvitations.Add(message);
            }

            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 20; i++)
        {
            await WaitForAsync($"twice{i:00}@adatum.example", s => s.DeliveryStatus == DeliveryStatus.Sent);
        }

        await Task.Delay(1000);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(1, smtp.Count($"twice{i:00}@adatum.example"));
        }
    }
}
