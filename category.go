package pledgebook

// Category is a capability area: what kind of support a requirement asks for
// or a pledge gives.
type Category string

// The capability taxonomy.
const (
	AirDefence   Category = "air_defence"
	Drones       Category = "drones"
	Artillery    Category = "artillery"
	Ammunition   Category = "ammunition"
	Armour       Category = "armour"
	Aircraft     Category = "aircraft"
	Maritime     Category = "maritime"
	LongRange    Category = "long_range"
	Training     Category = "training"
	Demining     Category = "demining"
	ITCyber      Category = "it_cyber"
	Logistics    Category = "logistics"
	Financial    Category = "financial"
	Humanitarian Category = "humanitarian"
	Mixed        Category = "mixed"
	Other        Category = "other"
)

// CategoryInfo describes a capability area in the languages of the UI.
type CategoryInfo struct {
	Code   Category `json:"code"`
	NameEN string   `json:"name_en"`
	NameDE string   `json:"name_de"`
	NameUK string   `json:"name_uk"`
}

// Categories is the capability taxonomy in its canonical order.
var Categories = []CategoryInfo{
	{AirDefence, "Air defence", "Luftverteidigung", "Протиповітряна оборона"},
	{Drones, "Drones", "Drohnen", "Дрони"},
	{Artillery, "Artillery", "Artillerie", "Артилерія"},
	{Ammunition, "Ammunition", "Munition", "Боєприпаси"},
	{Armour, "Armour", "Panzerfahrzeuge", "Бронетехніка"},
	{Aircraft, "Aircraft", "Luftfahrzeuge", "Авіація"},
	{Maritime, "Maritime", "Marine", "Морські сили"},
	{LongRange, "Long-range strike", "Weitreichende Waffen", "Далекобійні засоби ураження"},
	{Training, "Training", "Ausbildung", "Навчання"},
	{Demining, "Demining", "Minenräumung", "Розмінування"},
	{ITCyber, "IT and cyber", "IT und Cyber", "ІТ та кібербезпека"},
	{Logistics, "Logistics", "Logistik", "Логістика"},
	{Financial, "Financial", "Finanzhilfe", "Фінансова допомога"},
	{Humanitarian, "Humanitarian", "Humanitäre Hilfe", "Гуманітарна допомога"},
	{Mixed, "Mixed package", "Gemischtes Paket", "Змішаний пакет"},
	{Other, "Other", "Sonstiges", "Інше"},
}

// Valid reports whether c is in the taxonomy.
func (c Category) Valid() bool {
	for _, info := range Categories {
		if info.Code == c {
			return true
		}
	}
	return false
}

// ParseCategory returns the category named s, or an invalid-input error
// naming the field "category".
func ParseCategory(s string) (Category, error) {
	c := Category(s)
	if !c.Valid() {
		return "", FieldError("category", "unknown capability area %q (one of %s)", s, categoryList())
	}
	return c, nil
}

func categoryList() string {
	s := ""
	for i, info := range Categories {
		if i > 0 {
			s += ", "
		}
		s += string(info.Code)
	}
	return s
}
