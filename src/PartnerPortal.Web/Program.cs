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
var address = app.Configuration["urls"] ?? "the configured address";
try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // A newcomer's most likely first problem: say it in one line instead of a stack trace.
    await Console.Error.WriteLineAsync($"PartnerPortal could not start: {address} is already in use. Stop the other program, or choose another address, e.g. PARTNERPORTAL_URL=http://127.0.0.1:5081 scripts/run.sh");
    Environment.ExitCode = 1;
}
