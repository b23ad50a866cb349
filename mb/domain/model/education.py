"""Education levels a youth can report, in the order they are usually reached."""

EDUCATION_LEVELS: dict[str, str] = {
    "secondary": "Secondary (10th)",
    "higher_secondary": "Higher secondary (12th)",
    "iti_diploma": "ITI / Diploma",
    "undergraduate": "Undergraduate (studying)",
    "graduate": "Graduate",
    "postgraduate": "Postgraduate",
}
