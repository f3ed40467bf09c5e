package extract

// The word lists the extractor runs on. They are maps keyed by the
// lower-cased token so that a lookup costs one hash, not a regular
// expression: the extractor looks up every token of every sentence.

// scaleWords are the powers of ten that follow a figure. "billion" is 10^9
// except a capitalised German "Billion" (see scaleOf).
var scaleWords = map[string]int32{
	"thousand": 3, "thousands": 3, "tausend": 3, "tsd": 3, "k": 3,
	"million": 6, "millions": 6, "mio": 6, "mn": 6, "mln": 6, "m": 6, "mill": 6,
	"millionen": 6,
	"billion":   9, "billions": 9, "bn": 9, "b": 9, "mrd": 9, "milliarde": 9, "milliarden": 9, "mia": 9, "md": 9,
	"trillion": 12, "trillions": 12, "tn": 12, "billionen": 12,
}

// attachedSuffix are the letters that may be glued to digits and still
// leave the digits a figure: scales (247m, 1.5bn) and units (155mm), which
// the figure scanner then judges.
var attachedSuffix = map[string]struct{}{
	"m": {}, "mn": {}, "bn": {}, "b": {}, "k": {}, "mrd": {}, "mio": {}, "tsd": {}, "tn": {}, "mln": {},
	"mm": {}, "cm": {}, "km": {}, "kg": {}, "t": {}, "kt": {}, "th": {}, "st": {}, "nd": {}, "rd": {}, "x": {},
}

// numberWords are numbers written as words. "one" and "ein" are kept so
// that "eine Million" and "one billion" read, but alone they never make a
// quantity (see vWordOne).
var numberWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1,
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
	"zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
	"siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
	"fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
	"einhundert": 100, "zweihundert": 200, "dreihundert": 300, "tausend": 1000,
}

// Currency placeholders resolved by the donor once it is known: dollars
// are Canadian for Canada, kroner Norwegian for Norway, and so on.
const (
	curDollar = "$?"
	curCrown  = "kr?"
)

// currencySymbols are currency signs written as punctuation.
var currencySymbols = map[string]string{
	"€": "EUR", "£": "GBP", "$": curDollar, "¥": "JPY", "₴": "UAH", "₣": "CHF",
}

// isoCurrencies are the ISO 4217 codes a pledge is likely to be stated in;
// an upper-case three-letter word in this set is a currency.
var isoCurrencies = map[string]struct{}{
	"EUR": {}, "USD": {}, "GBP": {}, "CAD": {}, "AUD": {}, "NZD": {}, "NOK": {}, "SEK": {}, "DKK": {},
	"CZK": {}, "PLN": {}, "CHF": {}, "JPY": {}, "UAH": {}, "ISK": {}, "HUF": {}, "RON": {}, "BGN": {},
	"KRW": {}, "TRY": {},
}

// currencyWords name currencies in English and German.
var currencyWords = map[string]string{
	"euro": "EUR", "euros": "EUR", "eur": "EUR",
	"pfund": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP",
	"dollar": curDollar, "dollars": curDollar, "usd": "USD",
	"us-dollar": "USD", "us-dollars": "USD", "usd-dollar": "USD",
	"kronen": curCrown, "krone": curCrown, "kroner": curCrown, "kronor": curCrown, "krona": curCrown,
	"crowns": curCrown, "crown": curCrown, "korun": "CZK", "koruna": "CZK", "korunas": "CZK",
	"nok": "NOK", "sek": "SEK", "dkk": "DKK", "czk": "CZK",
	"skr": "SEK", "nkr": "NOK", "dkr": "DKK",
	"hryvnia": "UAH", "hryvnias": "UAH", "hrywnja": "UAH", "hrywnia": "UAH", "griwna": "UAH", "griwen": "UAH",
	"złoty": "PLN", "zloty": "PLN", "zlotys": "PLN", "złotych": "PLN", "zlotych": "PLN", "pln": "PLN",
	"yen": "JPY", "jpy": "JPY",
	"franken": "CHF", "franc": "CHF", "francs": "CHF", "chf": "CHF",
}

// currencyAdjectives settle the ambiguous currency words: "Canadian
// dollars", "norwegische Kronen".
var currencyAdjectives = map[string]string{
	"us": "USD", "u.s.": "USD", "american": "USD", "amerikanische": "USD", "amerikanischen": "USD",
	"canadian": "CAD", "kanadische": "CAD", "kanadischen": "CAD",
	"australian": "AUD", "australische": "AUD", "australischen": "AUD",
	"new":       "", // "New Zealand dollars" is handled by the donor
	"norwegian": "NOK", "norwegische": "NOK", "norwegischen": "NOK",
	"swedish": "SEK", "schwedische": "SEK", "schwedischen": "SEK",
	"danish": "DKK", "dänische": "DKK", "dänischen": "DKK",
	"czech": "CZK", "tschechische": "CZK", "tschechischen": "CZK",
	"swiss": "CHF", "schweizer": "CHF", "kanadischer": "CAD", "australischer": "AUD",
}

// currencyPrefixes are letters glued before "$": US$, C$, A$, NZ$.
var currencyPrefixes = map[string]string{
	"us": "USD", "u.s.": "USD", "c": "CAD", "ca": "CAD", "can": "CAD", "a": "AUD", "au": "AUD", "nz": "NZD",
}

// gluedCurrencies are currency abbreviations written straight before the
// digits ("SKr13.3bn", "NKr2bn", "DKr500m", "EUR500m"); the tokenizer
// splits them off.
var gluedCurrencies = map[string]string{
	"skr": "SEK", "nkr": "NOK", "dkr": "DKK", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
	"eur": "EUR", "usd": "USD", "gbp": "GBP", "chf": "CHF", "cad": "CAD", "aud": "AUD",
}

// dollarByDonor and crownByDonor resolve the placeholders.
var (
	dollarByDonor = map[string]string{"CA": "CAD", "AU": "AUD", "NZ": "NZD"}
	crownByDonor  = map[string]string{"NO": "NOK", "SE": "SEK", "DK": "DKK", "CZ": "CZK", "IS": "ISK"}
	crownByWord   = map[string]string{"kronor": "SEK", "krona": "SEK", "koruna": "CZK", "korun": "CZK"}
)

// months, for telling dates from figures.
var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
	"oktober": 10, "dezember": 12, "okt": 10, "dez": 12,
}

// percentWords follow a figure that is a share, not a quantity.
var percentWords = map[string]struct{}{
	"%": {}, "prozent": {}, "percent": {}, "per": {}, "prozentpunkte": {}, "percentage": {},
}

// stopwords for language detection: frequent function words that the
// other language lacks.
var (
	stopDE = map[string]struct{}{
		"der": {}, "die": {}, "das": {}, "und": {}, "ist": {}, "nicht": {}, "mit": {}, "von": {}, "zu": {},
		"den": {}, "im": {}, "für": {}, "auf": {}, "des": {}, "dem": {}, "sich": {}, "ein": {}, "eine": {},
		"wird": {}, "hat": {}, "auch": {}, "sind": {}, "werden": {}, "nach": {}, "bei": {}, "einer": {},
		"wie": {}, "aus": {}, "über": {}, "zum": {}, "zur": {}, "dass": {}, "noch": {}, "haben": {},
	}
	stopEN = map[string]struct{}{
		"the": {}, "and": {}, "of": {}, "to": {}, "is": {}, "that": {}, "for": {}, "with": {}, "on": {},
		"was": {}, "as": {}, "by": {}, "it": {}, "will": {}, "has": {}, "have": {}, "from": {}, "are": {},
		"which": {}, "this": {}, "its": {}, "be": {}, "at": {}, "an": {}, "been": {}, "said": {}, "would": {},
		"their": {}, "were": {}, "also": {},
	}
)
