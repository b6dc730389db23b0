using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Email;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.ApiApplications;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Features.SecurityGroups;
using PartnerPortal.Web.Features.Subscriptions;
using PartnerPortal.Web.Features.Users;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Security;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

public static class PortalSetup
{
    public static readonly CultureInfo[] SupportedCultures =
        [new("en"), new("ru"), new("zh-Hans")];

    /// <summary>The supported language a culture reads as (ru-RU is ru; zh-CN is zh-Hans); English for any other.</summary>
    public static string LanguageOf(CultureInfo culture)
    {
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (SupportedCultures.FirstOrDefault(s => s.Name == c.Name) is { } supported)
            {
                return supported.Name;
            }
        }

        return culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-Hans" : "en";
    }

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ITenant, HttpTenant>();
        // Resolved when the first context is built, so configuration added by a host (tests, containers) is seen.
        services.AddDbContext<PortalDbContext>((sp, o) => PortalDbContext.Configure(
            o,
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Portal")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Portal (see README).")));
        services.AddScoped<CrossOrganizationLookups>();

        // One key ring for every portal process, kept in PostgreSQL: a cookie, an antiforgery token or a protected form field
        // made by one process is read by any other behind the same load balancer.
        services.AddDataProtection().SetApplicationName("PartnerPortal").PersistKeysToDbContext<PortalDbContext>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<FormSubmissions>();
        services.AddScoped<Security.SecurityEvents>();
        services.AddScoped<Security.AuthenticatorEnrolment>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.Configure<MfaOptions>(configuration.GetSection(MfaOptions.Section));
        services.AddPortalRateLimits(configuration);

        // The features: each registers its handlers (called by its pages, the API and jobs alike), queries, resource
        // authorization handlers and background jobs (docs/decisions/0014).
        services.AddCustomers().AddRelationships().AddSubscriptions().AddInvitations().AddAdminRelationships(configuration)
            .AddSecurityGroups().AddIndirectResellers().AddUsers().AddApiApplications().AddOnboarding(configuration);
        services.AddSingleton(TimeProvider.System);

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length and a common-password check (PortalPasswordValidator), no composition rules.
                o.Password.RequiredLength = PortalPasswordValidator.MinimumLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                // No lock-out: anyone could lock a victim out by guessing. Sign-in is throttled per client and account instead.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PortalPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
        // Read at start-up: how the portal is reached is fixed for the life of the process.
        var deployment = configuration.GetSection(Security.DeploymentOptions.Section).Get<Security.DeploymentOptions>() ?? new();
        services.Configure<Security.DeploymentOptions>(configuration.GetSection(Security.DeploymentOptions.Section));

        // Cookies travel over HTTPS only whenever the request came over HTTPS (directly or through a known proxy), always when
        // the portal is configured to require it.
        var cookieSecurity = deployment.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "PartnerPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = cookieSecurity;

            // Every request: the cookie's security stamp must still be the account's (Security/SessionValidation.cs).
            o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = cookieSecurity);
        services.AddEntraSignIn(configuration, cookieSecurity);
        services.AddPortalApi(configuration);
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = cookieSecurity);

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With no known proxy nor network, ASP.NET Core would believe the headers from anyone: then believe them from nobody.
            o.ForwardedHeaders = deployment.KnownProxies.Length + deployment.KnownNetworks.Length > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in deployment.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in deployment.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var permission in RolePermissions.AllPermissions)
            {
                o.AddPolicy(RolePermissions.PolicyName(permission), p => p.RequireRole(RolePermissions.RolesFor(permission)));
            }
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ExplainingAuthorizationResultHandler>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.FallBackToParentUICultures = true;
        });
        services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/"))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedModelBindingMessages>();

        // One set of field rules (Validation/FieldRules.cs) on the handlers' inputs, never on form models: a page validates the
        // input it hands its handler with that handler's validator (FieldRules.AddTo puts each failure on its field), and the
        // handler checks it again for the API and the jobs.
        services.AddValidatorsFromAssemblyContaining<Features.Users.NewUserValidator>(ServiceLifetime.Scoped);

        services.AddPortalTelemetry(configuration);

        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IMailSender, MailKitMailSender>();
        services.Configure<DemoDataOptions>(configuration.GetSection(DemoDataOptions.Section));
        services.AddScoped<DemoData>();
        return services;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<PortalDbContext>>();
        await using (var db = new PortalDbContext(options, SystemTenant.Instance))
        {
            // On an empty database EF would first query the missing history table and log that as an error; creating the
            // table first keeps a first start's output free of alarming, harmless errors.
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync();
            await db.Database.MigrateAsync();
        }

        var demoData = scope.ServiceProvider.GetRequiredService<DemoData>();
        await demoData.EnsureRolesAsync();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoDataOptions>>().Value.Load)
        {
            await demoData.LoadAsync();
        }
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseMiddleware<Security.UnconfiguredProxyWarning>();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error" });
        }

        if (app.Services.GetRequiredService<IOptions<Security.DeploymentOptions>>().Value.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<Security.SecurityHeadersMiddleware>();

        app.UsePortalRequestLogging();
        app.UseStatusCodePagesWithReExecute("/StatusCode/{0}");

        // The API answers in JSON (Graph's error body): the portal's HTML status pages are for people.
        app.Use((context, next) =>
        {
            if (Api.ApiSetup.IsApiRequest(context.Request) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseApiRouteFallback();
        app.UseAuthentication();
        app.UseMiddleware<AccountRequirementsMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealthAndMetrics();
        app.MapRazorPages().WithStaticAssets();
        app.MapPortalApi();
    }
}
