using PartnerPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

// Running from build output (scripts/run.sh) in Production: without this, a request that accepts gzip or brotli gets an
// empty stylesheet, because the precompressed files are listed in the build's static web assets manifest. Published output
// has no such manifest, and then this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.AddPortalLogging();
builder.Services.AddPortal(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UsePortal();
await app.RunAsync();
