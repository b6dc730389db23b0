using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 18: every refusal is declared once, as data, with a stable code; the pages localize its message and the API maps its
/// code. A refusal without a translation in English, Russian and Chinese, or without an API status, fails here.
/// </summary>
public partial class RefusalCatalogTests
{
    private static readonly string Root = PortalProcess.RepositoryRoot;

    public static IReadOnlyList<(string Name, Refusal Refusal)> Catalogue() =>
        new[] { typeof(Refusals), typeof(PortalRefusals) }
            .SelectMany(t => t.GetNestedTypes().Prepend(t))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Refusal))
                .Select(f => ($"{t.Name}.{f.Name}", (Refusal)f.GetValue(null)!)))
            .ToList();

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Root, "src/PartnerPortal.Web/Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_refusal_has_a_code_a_translation_in_each_language_and_an_API_status()
    {
        var catalogue = Catalogue();
        Assert.True(catalogue.Count > 80, $"only {catalogue.Count} refusals found");
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.ru.resx", "SharedResource.zh-Hans.resx" })
        {
            var keys = Keys(file);
            Assert.All(catalogue, r => Assert.True(keys.Contains(r.Refusal.Message), $"{r.Name}: '{r.Refusal.Message}' is not in {file}"));
        }

        Assert.All(catalogue, r => Assert.Matches(CodePattern(), r.Refusal.Code));
        Assert.All(catalogue, r => Assert.True(RefusalStatuses.ByCode.ContainsKey(r.Refusal.Code), $"{r.Name}: code '{r.Refusal.Code}' has no API status"));

        // Nothing maps a code that no refusal has (a renamed code would leave its old entry behind).
        Assert.Empty(RefusalStatuses.ByCode.Keys.Except(catalogue.Select(r => r.Refusal.Code)));

        // One message, one refusal: two declarations of the same sentence would be two homes for one rule.
        Assert.Empty(catalogue.GroupBy(r => r.Refusal.Message).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(r => r.Name))));
    }

    [Fact]
    public void Refusals_are_declared_only_in_the_two_catalogues()
    {
        var catalogues = new[] { "src/PartnerPortal.Domain/Common/Refusals.cs", "src/PartnerPortal.Web/Infrastructure/PortalRefusals.cs" };
        var elsewhere = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !catalogues.Any(c => f.EndsWith(c.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal)))
            .Where(f => Declaration().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        Assert.Empty(elsewhere);
    }

    /// <summary>A refusal's code reaches the API unchanged; rewording its message must not change it.</summary>
    [Fact]
    public void A_refusal_carries_its_code_and_English_message_with_arguments()
    {
        var error = Refusals.AdminRelationships.InvalidDuration.With(1, 730);
        Assert.Equal("invalidDuration", error.Code);
        Assert.Equal("The duration must be from 1 to 730 days.", error.ToString());
        Assert.Equal(StatusCodes.Status400BadRequest, RefusalStatuses.For(error));
        Assert.Equal(StatusCodes.Status403Forbidden, RefusalStatuses.For(Refusals.Relationships.DelegatedAdminNeedsRole));
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"new Refusal\(|Refusal\s+\w+\s*=\s*new\(")]
    private static partial Regex Declaration();
}
