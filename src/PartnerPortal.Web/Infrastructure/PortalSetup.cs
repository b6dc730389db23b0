using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Email;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

public static class PortalSetup
{
    public static readonly CultureInfo[] SupportedCultures =
        [new("en"), new("ru"), new("zh-Hans")];

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
        services.AddScoped<AuditTrail>();
        services.AddScoped<Invitations.InvitationLinks>();
        services.AddScoped<Partnerships.PartnershipQueries>();
        services.AddScoped<Partnerships.SubscriptionAccess>();
        services.AddSingleton<Invitations.InvitationEmailComposer>();
        services.AddScoped<FormSubmissions>();

        // Command handlers: the rules of each action, called by its page.
        services.AddScoped<Pages.AdminCenter.AcceptInvitationHandler>();
        services.AddScoped<Pages.Customers.RemoveRelationshipHandler>();
        services.AddScoped<Pages.Customers.AddSubscriptionsHandler>();
        services.AddScoped<Pages.IndirectResellers.AddCustomerForResellerHandler>();
        services.AddScoped<Pages.Subscriptions.UpdateSubscriptionHandler>();
        services.AddScoped<Pages.Invitations.SendInvitationHandler>();
        services.AddScoped<Pages.Users.ChangeUserRolesHandler>();

        // Resource-based authorization: one handler per resource, used by every page that touches it.
        services.AddSingleton<IAuthorizationHandler, Authorization.CustomerAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, Authorization.SubscriptionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, Authorization.InvitationLinkAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, Authorization.OrganizationUserAuthorizationHandler>();
        services.AddSingleton(TimeProvider.System);

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "PartnerPortal.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
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

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<IMailSender, SmtpMailSender>();
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
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseStatusCodePagesWithReExecute("/StatusCode/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
    }
}
