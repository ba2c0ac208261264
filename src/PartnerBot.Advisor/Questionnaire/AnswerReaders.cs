using PartnerBot.Advisor.Understanding;

namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The readers for answers that synonyms cannot list: amounts into volume bands, dates and durations into
/// launch bands, class notations, places into regions and markets, head counts into organization sizes.
/// </summary>
public static class AnswerReaders
{
    // ---------------------------------------------------------------- volume

    private static readonly HashSet<string> VolumeWords = ["unit", "piece", "device", "pc", "year", "annually", "yearly", "week", "month", "day", "per", "volume", "produce", "sell", "make", "pa"];

    public static Meaning<AnnualVolume>? Volume(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        var bands = new List<Meaning<AnnualVolume>>();
        var countsOther = false;
        foreach (var quantity in Quantities.Find(words))
        {
            // "2 years ago", "in 2 years": a time, not an amount ("5000 a year" has its "a" or "per" between).
            if (quantity.End + 1 < words.Count && words[quantity.End + 1].Text is "ago" or "year" or "yr" or "month" or "week" or "day") continue;
            var unitFollows = words.Skip(quantity.End + 1).Take(3).Any(w => VolumeWords.Contains(w.Text));
            // A bare "3" is the third button; in a description an amount needs its unit.
            if (!unitFollows && (description || quantity.Start == quantity.End && quantity.Low < 10 && !quantity.IsRange && Lexicon.Content(words).Count == 1)) continue;
            if (words.Skip(quantity.End + 1).Take(2).Any(w => w.Text is "employee" or "people" or "person" or "staff" or "month" && !VolumeWords.Contains(words[quantity.End + 1].Text))) continue;
            var perYear = Quantities.PerYear(words, quantity.End);
            var about = words.Take(quantity.Start).Any(w => w.Text is "about" or "around" or "roughly" or "approximately" or "approx" or "circa" or "ca");
            var low = VolumeBand(quantity.Low * perYear, about, upper: false);
            var high = VolumeBand(quantity.High * perYear, about, upper: true);
            bands.Add(low.Length == 1 && high.Length == 1 && low[0] == high[0] ? Meaning<AnnualVolume>.Understood(low[0]) : Meaning<AnnualVolume>.Confirm([.. low.Union(high).Order()]));
            // "100 hospitals": a count of something else, so the amounts may need multiplying.
            if (quantity.End + 1 < words.Count && !unitFollows && words[quantity.End + 1].Text.All(char.IsLetter) && !Quantities.IsScaleWord(words[quantity.End + 1].Text)) countsOther = true;
        }
        if (countsOther && bands.Count > 1) return Meaning<AnnualVolume>.Confirm([.. bands.SelectMany(b => b.Values).Distinct().Order()]);
        // Several amounts ("100 hospitals, 50 a year each") that do not agree are asked about.
        if (bands.Count == 0) return null;
        var all = bands.SelectMany(b => b.Values).Distinct().Order().ToArray();
        return bands.Count == 1 ? bands[0] : all.Length == 1 ? Meaning<AnnualVolume>.Understood(all[0]) : Meaning<AnnualVolume>.Confirm(all);
    }

    /// <summary>A round band limit ("10k", "about 1000") could be either band it separates.</summary>
    private static AnnualVolume[] VolumeBand(double units, bool about, bool upper)
    {
        if (double.IsPositiveInfinity(units)) return [AnnualVolume.Over100k];
        foreach (var (limit, below, above) in new[] { (1_000d, AnnualVolume.UpTo1k, AnnualVolume.From1kTo10k), (10_000d, AnnualVolume.From1kTo10k, AnnualVolume.From10kTo100k), (100_000d, AnnualVolume.From10kTo100k, AnnualVolume.Over100k) })
        {
            if (units == limit) return about ? [below, above] : [upper ? below : above];
        }
        return units switch
        {
            < 1_000 => [AnnualVolume.UpTo1k],
            < 10_000 => [AnnualVolume.From1kTo10k],
            < 100_000 => [AnnualVolume.From10kTo100k],
            _ => [AnnualVolume.Over100k],
        };
    }

    // ---------------------------------------------------------------- launch

    public static Meaning<LaunchTimeline>? Launch(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        if (description && !words.Any(w => w.Text is "launch" or "market" or "marketed" or "sell" or "selling" or "release" or "ship" or "approval" or "clearance" or "ce" or "by")) return null;
        if (Timelines.MonthsFromToday(words, context.Today) is not { } months || months.High < 0) return null;
        var low = LaunchBand(months.Low);
        var high = LaunchBand(months.High);
        return low == high ? Meaning<LaunchTimeline>.Understood(low) : Meaning<LaunchTimeline>.Confirm(low, high);
    }

    private static LaunchTimeline LaunchBand(double months) => months switch
    {
        <= 12 => LaunchTimeline.Within12Months,
        <= 24 => LaunchTimeline.Within24Months,
        _ => LaunchTimeline.Later,
    };

    // ---------------------------------------------------------------- device class

    public static Meaning<DeviceClass>? EuClass(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        // A bare "3" is class III, or the third button (Class IIb).
        if (!description && Lexicon.Content(words) is [{ Text: "3" }]) return Meaning<DeviceClass>.Confirm(DeviceClass.EuIII, DeviceClass.EuIIb);
        if (description && words.Any(w => w.Text is "fda" or "510k" or "pma") && !words.Any(w => w.Text is "mdr" or "eu" or "ce" or "iia" or "iib" or "2a" or "2b")) return null;
        var found = DeviceClasses.Find(words);
        var said = found.Where(f => !f.Negated).SelectMany(f => EuClasses(f.Class)).Distinct().ToList();
        var excluded = found.Where(f => f.Negated).SelectMany(f => EuClasses(f.Class)).ToHashSet();
        if (said.Count == 0 && excluded.Count == 0) return null;
        if (said.Count == 0) return Meaning<DeviceClass>.Confirm([.. new[] { DeviceClass.EuI, DeviceClass.EuIIa, DeviceClass.EuIIb, DeviceClass.EuIII }.Where(c => !excluded.Contains(c))]);
        if (description && said.Count > 1) return null;
        return said.Count == 1 ? Meaning<DeviceClass>.Understood(said[0]) : Meaning<DeviceClass>.Confirm([.. said]);
    }

    private static DeviceClass[] EuClasses(ClassMention mention) => mention switch
    {
        ClassMention.One => [DeviceClass.EuI],
        ClassMention.TwoA => [DeviceClass.EuIIa],
        ClassMention.TwoB => [DeviceClass.EuIIb],
        // "Class II" alone does not exist under the MDR: it is IIa or IIb.
        ClassMention.Two => [DeviceClass.EuIIa, DeviceClass.EuIIb],
        _ => [DeviceClass.EuIII],
    };

    public static Meaning<DeviceClass>? UsClass(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        var text = words.Select(w => w.Text).ToList();
        if (description && !text.Any(t => t is "fda" or "510k" or "pma" or "us" or "usa" or "novo")) return null;
        var said = new List<DeviceClass>();
        var excluded = new HashSet<DeviceClass>();
        foreach (var (mention, negated) in DeviceClasses.Find(words))
        {
            if (mention is ClassMention.TwoA or ClassMention.TwoB) continue;
            var value = mention switch { ClassMention.One => DeviceClass.UsI, ClassMention.Two => DeviceClass.UsII, _ => DeviceClass.UsIII };
            (negated ? excluded : (ICollection<DeviceClass>)said).Add(value);
        }
        var content = Lexicon.Content(words);
        for (var i = 0; i < content.Count; i++)
        {
            var negated = Lexicon.NegatedAt(content, i, reach: 3);
            DeviceClass[] pathway = content[i].Text switch
            {
                "510k" when i + 1 < content.Count && content[i + 1].Text == "exempt" => [DeviceClass.UsI],
                "510k" => [DeviceClass.UsII],
                "pma" or "premarket" when !(i + 1 < content.Count && content[i + 1].Text == "notification") => [DeviceClass.UsIII],
                "exempt" => [DeviceClass.UsI],
                // De Novo is a pathway for a novel low- or moderate-risk device: class I or II, to be asked.
                // (The "de" of "De Novo" is a filler in French, so it is looked for in the raw words.)
                "novo" when i > 0 && content[i - 1].Text == "de" || words.Any(w => w.Raw.Equals("de", StringComparison.OrdinalIgnoreCase)) && content[i].Raw.Equals("novo", StringComparison.OrdinalIgnoreCase) => [DeviceClass.UsI, DeviceClass.UsII],
                _ => [],
            };
            foreach (var value in pathway) (negated ? excluded : (ICollection<DeviceClass>)said).Add(value);
            if (pathway.Length > 1 && !negated) return Meaning<DeviceClass>.Confirm(pathway);
        }
        said = said.Distinct().Where(c => !excluded.Contains(c)).ToList();
        if (said.Count == 0 && excluded.Count == 0) return null;
        if (said.Count == 0) return Meaning<DeviceClass>.Confirm([.. new[] { DeviceClass.UsI, DeviceClass.UsII, DeviceClass.UsIII }.Where(c => !excluded.Contains(c))]);
        if (description && said.Count > 1) return null;
        return said.Count == 1 ? Meaning<DeviceClass>.Understood(said[0]) : Meaning<DeviceClass>.Confirm([.. said]);
    }

    // ---------------------------------------------------------------- places

    private static readonly HashSet<string> LocatedWords = ["in", "based", "from", "located", "near", "hq", "headquartered", "office", "offices", "team", "live", "sit"];

    public static Meaning<Region>? Location(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        var places = Places.Find(words)
            .Where(p => !description || p.Start > 0 && LocatedWords.Contains(words[p.Start - 1].Text) && !MarketContext(words, p.Start))
            .ToList();
        var regions = places.SelectMany(p => p.Place.Regions).Distinct().Select(RegionOf).ToList();
        if (regions.Count == 0) return null;
        if (description && regions.Count > 1) return null;
        return regions.Count == 1 && places.All(p => p.Place.Regions.Count == 1) ? Meaning<Region>.Understood(regions[0]) : Meaning<Region>.Confirm([.. regions]);
    }

    private static bool MarketContext(IReadOnlyList<Word> words, int at) =>
        words.Where(w => w.Clause == words[at].Clause).Any(w => w.Text is "launch" or "sell" or "market" or "aim" or "aiming" or "target" or "approval" or "first");

    private static Region RegionOf(WorldRegion region) => region switch
    {
        WorldRegion.Europe => Region.Europe,
        WorldRegion.NorthAmerica => Region.NorthAmerica,
        WorldRegion.AsiaPacific => Region.AsiaPacific,
        _ => Region.Other,
    };

    // ---------------------------------------------------------------- organization size

    private static readonly HashSet<string> HeadWords = ["employee", "people", "person", "staff", "fte", "engineer", "colleague", "worker", "member", "headcount", "strong"];

    public static Meaning<Organization>? Headcount(IReadOnlyList<Word> words, ReadContext context, bool description)
    {
        foreach (var quantity in Quantities.Find(words))
        {
            var next = words.Skip(quantity.End + 1).Take(2).Select(w => w.Text).ToList();
            if (!next.Any(HeadWords.Contains) && !(quantity.Start > 0 && words[quantity.Start - 1].Text is "headcount")) continue;
            var people = quantity.High;
            return people switch
            {
                < 20 => Meaning<Organization>.Confirm(Organization.Startup, Organization.GrowingSme),
                < 250 => Meaning<Organization>.Understood(Organization.GrowingSme),
                < 1000 => Meaning<Organization>.Confirm(Organization.GrowingSme, Organization.Enterprise),
                _ => Meaning<Organization>.Understood(Organization.Enterprise),
            };
        }
        return null;
    }
}
