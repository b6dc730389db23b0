namespace PartnerPortal.Web.Data.Migrations;

/// <summary>Reads a migration's SQL, embedded in the assembly from Data/Migrations/*.sql.</summary>
internal static class MigrationSql
{
    public static string Read(string fileName)
    {
        var assembly = typeof(MigrationSql).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
