namespace PartnerBot.Advisor.Understanding;

/// <summary>Where in the world a place lies, for the location question and the target markets.</summary>
public enum WorldRegion { Europe, NorthAmerica, AsiaPacific, Other }

/// <summary>
/// Countries, states, medtech cities and time zones, by region. A place on the boundary of two regions (Mexico)
/// names both, so the answer is confirmed. <see cref="Find"/> also says whether a country is in the EU (for the
/// EU MDR market) or is the US.
/// </summary>
public static class Places
{
    public sealed record Place(string Name, IReadOnlyList<WorldRegion> Regions, bool InEu = false, bool IsUs = false);

    private static readonly Dictionary<string, List<Place>> ByFirstWord = [];
    private static readonly List<Place> Countries = [];

    /// <summary>The countries of the EU (the MDR market), as written in answers.</summary>
    public static IEnumerable<string> EuCountries => Countries.Where(c => c.InEu && c.Name != "eu" && c.Name != "european union").Select(c => c.Name);

    /// <summary>Countries outside the EU and the US whose own regulators decide (Japan, Brazil…).</summary>
    public static IEnumerable<string> OtherMarketCountries => Countries.Where(c => !c.InEu && !c.IsUs && c.Regions.All(r => r is WorldRegion.AsiaPacific or WorldRegion.Other) && c.Name is not ("asia" or "apac" or "asia pacific" or "middle east" or "africa" or "latin america" or "south america")).Select(c => c.Name);

    static Places()
    {
        Register(WorldRegion.Europe, eu: true, us: false,
            "eu", "european union", "germany", "deutschland", "france", "italy", "spain", "portugal", "netherlands", "holland", "the netherlands", "belgium", "luxembourg",
            "austria", "ireland", "denmark", "sweden", "finland", "poland", "czech republic", "czechia", "slovakia", "hungary", "slovenia", "croatia", "romania", "bulgaria",
            "greece", "estonia", "latvia", "lithuania", "malta", "cyprus",
            "munich", "berlin", "hamburg", "frankfurt", "stuttgart", "cologne", "tuttlingen", "erlangen", "freiburg", "heidelberg", "dusseldorf", "nuremberg",
            "paris", "lyon", "grenoble", "toulouse", "marseille", "milan", "rome", "turin", "bologna", "madrid", "barcelona", "valencia", "lisbon", "porto",
            "amsterdam", "eindhoven", "rotterdam", "utrecht", "leiden", "brussels", "antwerp", "leuven", "ghent", "vienna", "graz", "dublin", "galway", "cork",
            "copenhagen", "stockholm", "gothenburg", "uppsala", "helsinki", "oulu", "warsaw", "krakow", "prague", "brno", "budapest", "athens", "tallinn");
        Add(WorldRegion.Europe,
            "europe", "switzerland", "swiss", "uk", "united kingdom", "england", "scotland", "wales", "britain", "great britain", "norway", "iceland", "serbia", "ukraine",
            "zurich", "geneva", "basel", "bern", "lausanne", "lucerne", "zug", "london", "cambridge uk", "oxford", "manchester", "edinburgh", "glasgow", "oslo",
            "cet", "cest", "gmt", "bst", "wet", "eet", "eest", "central european time");
        Register(WorldRegion.NorthAmerica, eu: false, us: true,
            "us", "usa", "u s", "u s a", "united states", "united states of america", "america", "states",
            "boston", "cambridge ma", "new york", "nyc", "san francisco", "bay area", "silicon valley", "san jose", "palo alto", "san diego", "los angeles", "irvine",
            "orange county", "seattle", "portland", "minneapolis", "st paul", "medical alley", "chicago", "houston", "dallas", "austin", "denver", "boulder",
            "salt lake city", "phoenix", "atlanta", "miami", "philadelphia", "pittsburgh", "baltimore", "washington", "raleigh", "research triangle", "nashville",
            "cleveland", "indianapolis", "warsaw indiana", "memphis", "new jersey", "massachusetts", "california", "minnesota", "texas", "florida", "colorado",
            "utah", "ohio", "michigan", "illinois", "pennsylvania", "north carolina", "georgia usa", "arizona", "oregon", "indiana", "tennessee", "connecticut",
            "east coast", "west coast", "midwest", "new england",
            "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "eastern time", "pacific time", "central time", "mountain time");
        Add(WorldRegion.NorthAmerica,
            "canada", "toronto", "montreal", "vancouver", "ottawa", "calgary", "edmonton", "quebec", "ontario", "british columbia", "alberta", "north america");
        Add(WorldRegion.AsiaPacific,
            "asia", "apac", "asia pacific", "china", "japan", "south korea", "korea", "taiwan", "singapore", "india", "australia", "new zealand", "malaysia", "thailand",
            "vietnam", "indonesia", "philippines", "hong kong", "shanghai", "beijing", "shenzhen", "suzhou", "tokyo", "osaka", "seoul", "taipei", "bangalore",
            "bengaluru", "mumbai", "delhi", "hyderabad", "chennai", "pune", "sydney", "melbourne", "brisbane", "auckland", "kuala lumpur", "penang", "bangkok",
            "jst", "kst", "sgt", "hkt", "aest", "aedt", "ist", "china standard time");
        Add(WorldRegion.Other,
            "middle east", "africa", "latin america", "south america", "israel", "tel aviv", "jerusalem", "haifa", "uae", "dubai", "abu dhabi", "saudi arabia", "riyadh",
            "qatar", "turkey", "istanbul", "egypt", "south africa", "cape town", "johannesburg", "nigeria", "kenya", "brazil", "sao paulo", "rio de janeiro",
            "argentina", "buenos aires", "chile", "santiago", "colombia", "bogota", "peru");
        AddBoth([WorldRegion.NorthAmerica, WorldRegion.Other], "mexico", "mexico city", "guadalajara", "monterrey", "tijuana");
        AddBoth([WorldRegion.Europe, WorldRegion.AsiaPacific], "russia", "moscow");
    }

    /// <summary>The places an answer names, longest names first ("mexico city" before "mexico").</summary>
    public static IReadOnlyList<(Place Place, int Start, int End)> Find(IReadOnlyList<Word> words)
    {
        var found = new List<(Place, int, int)>();
        var notPlaces = Grammar.Current.NotPlaces;
        for (var i = 0; i < words.Count; i++)
        {
            // French "est" (is) is not Eastern time, nor "ce" (this) the CE mark.
            if (notPlaces.Count > 0 && notPlaces.Contains(words[i].Raw.ToLowerInvariant())) continue;
            if (!ByFirstWord.TryGetValue(words[i].Text, out var candidates))
            {
                if (UtcOffset(words[i].Text) is { } offset) found.Add((offset, i, i));
                continue;
            }
            foreach (var place in candidates)
            {
                var parts = place.Name.Split(' ');
                if (i + parts.Length > words.Count || !parts.Select((p, j) => words[i + j].Text == p).All(x => x)) continue;
                if (parts is ["us"] && !UsMeansCountry(words, i)) continue;
                found.Add((place, i, i + parts.Length - 1));
                i += parts.Length - 1;
                break;
            }
        }
        return found;
    }

    /// <summary>"US" written in capitals, or alone, is the country; "most of us" is not.</summary>
    /// <summary>True when <paramref name="name"/> is a place the advisor knows by that (English) name.</summary>
    public static bool IsName(string name)
    {
        var stemmed = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Words.Stem));
        return stemmed.Length > 0 && ByFirstWord.TryGetValue(stemmed.Split(' ')[0], out var list) && list.Any(p => p.Name == stemmed);
    }

    public static bool UsMeansCountry(IReadOnlyList<Word> words, int i)
    {
        if (words[i].Capitalized || words.Count <= 2) return true;
        var before = i > 0 ? words[i - 1].Text : "";
        // "help us", "for us", "most of us": the prospect speaking.
        if (before is "help" or "for" or "of" or "with" or "let" or "tell" or "give" or "challenge" or "call" or "contact" or "send" or "show") return false;
        return i == 0 || before is "the" or "in" or "and" or "+" or "&" or "both" or "only" or "just" or "to" or "first" or "then" or "or" or "also" or "plus"
            or "mostly" or "mainly" or "primarily" or "not" or "no" or "into" or "across" or "at";
    }

    /// <summary>"UTC+1", "GMT-5": the offset's region.</summary>
    private static Place? UtcOffset(string word)
    {
        if (!(word.StartsWith("utc", StringComparison.Ordinal) || word.StartsWith("gmt", StringComparison.Ordinal)) || word.Length < 5) return null;
        var sign = word[3] switch { 'p' or '+' => 1, 'm' => -1, _ => 0 };
        if (sign == 0 || !int.TryParse(word[4..], out var hours)) return null;
        hours *= sign;
        var region = hours switch
        {
            >= -10 and <= -4 => WorldRegion.NorthAmerica,
            >= 0 and <= 2 => WorldRegion.Europe,
            >= 5 and <= 13 => WorldRegion.AsiaPacific,
            _ => WorldRegion.Other,
        };
        return new Place(word, [region]);
    }

    private static void Add(WorldRegion region, params string[] names) => Register(region, false, false, names);

    private static void Register(WorldRegion region, bool eu, bool us, params string[] names)
    {
        foreach (var name in names) Register(new Place(name, [region], eu, us));
    }

    private static void AddBoth(WorldRegion[] regions, params string[] names)
    {
        foreach (var name in names) Register(new Place(name, regions));
    }

    private static readonly HashSet<string> CountryNames =
        ["germany", "deutschland", "france", "italy", "spain", "portugal", "netherland", "holland", "the netherland", "belgium", "luxembourg", "austria", "ireland", "denmark",
         "sweden", "finland", "poland", "czech republic", "czechia", "slovakia", "hungary", "slovenia", "croatia", "romania", "bulgaria", "greece", "estonia", "latvia", "lithuania",
         "malta", "cyprus", "china", "japan", "south korea", "korea", "taiwan", "singapore", "india", "australia", "new zealand", "malaysia", "thailand", "vietnam", "indonesia",
         "philippine", "brazil", "argentina", "chile", "colombia", "peru", "israel", "uae", "saudi arabia", "qatar", "turkey", "egypt", "south africa", "nigeria", "kenya", "mexico"];

    private static void Register(Place place)
    {
        // Compared in the form answers are read in (lower case, plural "s" dropped).
        place = place with { Name = string.Join(' ', place.Name.Split(' ').Select(Words.Stem)) };
        if (CountryNames.Contains(place.Name)) Countries.Add(place);
        var first = place.Name.Split(' ')[0];
        if (!ByFirstWord.TryGetValue(first, out var list)) ByFirstWord[first] = list = [];
        list.Add(place);
        list.Sort((a, b) => b.Name.Split(' ').Length.CompareTo(a.Name.Split(' ').Length));
    }
}
