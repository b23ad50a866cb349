"""Employment sectors the programme places youth in."""

SECTORS: tuple[str, ...] = (
    "IT/ITES",
    "Retail",
    "Hospitality",
    "Banking & Finance",
    "Healthcare",
    "Manufacturing",
    "Logistics",
    "Construction",
    "Agriculture",
    "Beauty & Wellness",
    "Telecom",
    "Automotive",
    "Electronics",
    "Media & Entertainment",
)
