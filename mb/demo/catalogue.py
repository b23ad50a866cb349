"""The demo catalogue: thirty employability modules across the sectors youth are placed in.

Every module passes the catalogue editor's own checks, so an admin can open and save any of them.
The programme has no cross-sector entry in SECTORS, so the work-readiness modules (digital
literacy, money basics, workplace safety, grooming) sit in the sector where they open the door.
"""

from dataclasses import dataclass

from mb.domain.model.module import Difficulty, Question, Quiz

BEGINNER, INTERMEDIATE, ADVANCED = Difficulty.BEGINNER, Difficulty.INTERMEDIATE, Difficulty.ADVANCED


@dataclass(frozen=True)
class DemoModule:
    code: str
    title: str
    sector: str
    hours: float
    difficulty: Difficulty
    points: int
    skills: tuple[str, ...]
    description: str
    requires: tuple[str, ...] = ()  # codes of prerequisites
    due_in_days: int | None = None
    quiz: Quiz | None = None


def _quiz(pass_mark: int, *questions: tuple[str, tuple[str, ...]]) -> Quiz:
    """Questions whose correct option is written with a leading `*`."""
    return Quiz(tuple(_question(number, *q) for number, q in enumerate(questions)), pass_mark)


def _question(number: int, text: str, written: tuple[str, ...]) -> Question:
    correct = next(n for n, option in enumerate(written) if option.startswith("*"))
    options = [option.removeprefix("*") for option in written]
    # Rotated by a fixed amount so the right answer is not always in the same place.
    turn = (number + len(text)) % len(options)
    return Question(text, tuple(options[turn:] + options[:turn]), (correct - turn) % len(options))


CATALOGUE: tuple[DemoModule, ...] = (
    # IT/ITES
    DemoModule(
        "IT-101",
        "Computer basics and typing",
        sector="IT/ITES",
        hours=8,
        difficulty=BEGINNER,
        points=15,
        skills=("Computer basics", "Typing", "File management"),
        description=(
            "Switch on, sign in and find your way around Windows: files and folders, the keyboard and "
            "mouse, saving and printing. Ends with a typing drill to reach 25 words a minute."
        ),
        due_in_days=21,
        quiz=_quiz(
            60,
            (
                "Which key combination copies selected text?",
                ("Ctrl + V", "*Ctrl + C", "Ctrl + X", "Alt + F4"),
            ),
            (
                "Where does a deleted file go first on Windows?",
                ("It is gone for ever", "*The Recycle Bin", "The Desktop", "The Downloads folder"),
            ),
            (
                "What does saving a file do?",
                ("Sends it by email", "*Keeps your work on the disk", "Prints it", "Closes the computer"),
            ),
            ("Which is a safe password?", ("12345678", "your name", "*Mb!rain-7-lotus", "password")),
        ),
    ),
    DemoModule(
        "IT-102",
        "Digital literacy: email, forms and online safety",
        sector="IT/ITES",
        hours=6,
        difficulty=BEGINNER,
        points=15,
        skills=("Email", "Online forms", "Cyber safety"),
        description=(
            "Create and use an email account, attach documents, fill government and job portals "
            "(DigiLocker, NCS), and spot phishing messages and UPI frauds before they cost you."
        ),
        due_in_days=21,
        quiz=_quiz(
            75,
            (
                "A message says your bank account is blocked and asks for your OTP. What do you do?",
                (
                    "Share the OTP quickly",
                    "*Ignore it and call the bank's official number",
                    "Reply with your PIN",
                    "Forward it to friends",
                ),
            ),
            (
                "Which part of an email address comes after the @?",
                ("The user name", "*The domain", "The password", "The subject"),
            ),
            (
                "Where can you keep digital copies of your Aadhaar and marksheets?",
                ("*DigiLocker", "Any WhatsApp group", "A public Google Doc", "Nowhere"),
            ),
            (
                "What does 'https' and a padlock in the address bar tell you?",
                (
                    "The site is a government site",
                    "*The connection is encrypted",
                    "The site is free",
                    "Nothing",
                ),
            ),
        ),
    ),
    DemoModule(
        "IT-110",
        "MS Excel for the office",
        sector="IT/ITES",
        hours=12,
        difficulty=INTERMEDIATE,
        points=30,
        skills=("MS Excel", "Data entry", "Formulas"),
        description=(
            "Tables, sorting and filtering, SUM, AVERAGE, IF and VLOOKUP, simple charts and printing "
            "a neat report: the spreadsheet skills every back-office job asks for."
        ),
        requires=("IT-101",),
        due_in_days=30,
        quiz=_quiz(
            60,
            (
                "Which formula adds the values in cells A1 to A10?",
                ("=ADD(A1:A10)", "*=SUM(A1:A10)", "=TOTAL(A1,A10)", "=A1+A10"),
            ),
            (
                "What does VLOOKUP do?",
                (
                    "*Finds a value in the first column of a table and returns a value from the same row",
                    "Sorts a column",
                    "Draws a chart",
                    "Counts empty cells",
                ),
            ),
            (
                "How do you keep the header row visible while scrolling?",
                ("Merge cells", "*Freeze panes", "Hide rows", "Wrap text"),
            ),
            ('=IF(B2>=40,"Pass","Fail") shows what when B2 is 35?', ("Pass", "*Fail", "35", "An error")),
            (
                "Which chart suits monthly sales over a year?",
                ("*Line chart", "Pie chart", "Scatter of random points", "No chart"),
            ),
        ),
    ),
    DemoModule(
        "IT-201",
        "Data entry and back-office processes",
        sector="IT/ITES",
        hours=16,
        difficulty=INTERMEDIATE,
        points=35,
        skills=("Data entry", "Accuracy checks", "Confidentiality"),
        description=(
            "Key in forms and invoices at speed with double-checks, work to a turnaround time, keep "
            "customer data confidential and hand over a clean daily tracker."
        ),
        requires=("IT-110",),
        due_in_days=30,
    ),
    DemoModule(
        "IT-210",
        "Customer support over voice and chat",
        sector="IT/ITES",
        hours=20,
        difficulty=INTERMEDIATE,
        points=40,
        skills=("Customer support", "Spoken English", "CRM tools"),
        description=(
            "Open and close a call, listen and restate the problem, use a CRM ticket, handle an angry "
            "customer calmly and meet average handling time without cutting people off."
        ),
        requires=("IT-102",),
        due_in_days=45,
        quiz=_quiz(
            70,
            (
                "A customer is shouting about a late refund. Your first step?",
                (
                    "Put them on hold",
                    "*Listen fully and acknowledge the problem",
                    "Transfer the call at once",
                    "Tell them to calm down",
                ),
            ),
            (
                "What is 'first call resolution'?",
                (
                    "*Solving the problem in the first contact",
                    "Answering the first call of the day",
                    "The first ticket number",
                    "A call-back service",
                ),
            ),
            (
                "Why do you restate the customer's problem?",
                (
                    "To fill time",
                    "*To confirm you understood it correctly",
                    "Because the script says so",
                    "To end the call",
                ),
            ),
        ),
    ),
    DemoModule(
        "IT-301",
        "Web pages with HTML and CSS",
        sector="IT/ITES",
        hours=30,
        difficulty=ADVANCED,
        points=60,
        skills=("HTML", "CSS", "Web basics"),
        description=(
            "Build and publish a small business's web page: headings, lists, images, links, a contact "
            "form and a layout that works on a phone."
        ),
        requires=("IT-110",),
        due_in_days=60,
    ),
    # Retail
    DemoModule(
        "RET-101",
        "Retail store operations",
        sector="Retail",
        hours=8,
        difficulty=BEGINNER,
        points=15,
        skills=("Store operations", "Stock handling", "Teamwork"),
        description=(
            "How a store runs from opening to closing: receiving stock, shelf filling, FIFO, price "
            "labels, shrinkage and the daily handover."
        ),
        due_in_days=21,
    ),
    DemoModule(
        "RET-201",
        "Customer service at the counter",
        sector="Retail",
        hours=10,
        difficulty=INTERMEDIATE,
        points=25,
        skills=("Customer service", "Communication", "Complaint handling"),
        description=(
            "Greet, help a customer choose, suggest without pushing, handle returns and complaints "
            "politely in Hindi, English or the local language."
        ),
        requires=("RET-101",),
        due_in_days=30,
        quiz=_quiz(
            60,
            (
                "A customer wants to return a product without a bill. What do you do?",
                (
                    "Refuse rudely",
                    "*Explain the returns policy politely and call the supervisor if needed",
                    "Take it back without checking",
                    "Ignore the customer",
                ),
            ),
            (
                "What is up-selling?",
                (
                    "*Suggesting a better or bigger product that suits the customer",
                    "Raising the price",
                    "Selling expired stock",
                    "Selling to staff",
                ),
            ),
            (
                "The best way to greet a customer?",
                (
                    "Wait for them to speak",
                    "*Smile, make eye contact and offer help",
                    "Follow them around",
                    "Keep using your phone",
                ),
            ),
        ),
    ),
    DemoModule(
        "RET-210",
        "Billing, POS and cash handling",
        sector="Retail",
        hours=8,
        difficulty=INTERMEDIATE,
        points=25,
        skills=("POS billing", "Cash handling", "UPI payments"),
        description=(
            "Bill on a POS terminal, take cash, cards and UPI, give correct change, close the till "
            "and match the day's collection to the system."
        ),
        requires=("RET-101",),
        due_in_days=30,
        quiz=_quiz(
            80,
            ("A bill is ₹437 and the customer pays ₹500. The change?", ("₹53", "*₹63", "₹73", "₹67")),
            (
                "At closing the cash is ₹200 less than the system shows. You should…",
                (
                    "Add your own money",
                    "*Report the shortage to the supervisor",
                    "Change the system figure",
                    "Say nothing",
                ),
            ),
            (
                "A UPI payment shows 'pending'. Before handing over goods you…",
                (
                    "Trust the customer's screen",
                    "*Wait for the confirmation on your terminal",
                    "Cancel the bill",
                    "Ask for cash too",
                ),
            ),
            (
                "GST on a bill is…",
                (
                    "A discount",
                    "*A tax collected for the government",
                    "A service charge for the store",
                    "Optional",
                ),
            ),
        ),
    ),
    DemoModule(
        "RET-301",
        "Visual merchandising and inventory",
        sector="Retail",
        hours=14,
        difficulty=ADVANCED,
        points=45,
        skills=("Visual merchandising", "Inventory control", "Planograms"),
        description=(
            "Plan displays that sell, follow a planogram, run a cycle count and use stock reports to "
            "reorder before shelves go empty."
        ),
        requires=("RET-210",),
        due_in_days=45,
    ),
    # Hospitality
    DemoModule(
        "HOS-101",
        "Grooming, hygiene and guest courtesy",
        sector="Hospitality",
        hours=6,
        difficulty=BEGINNER,
        points=15,
        skills=("Grooming", "Hygiene", "Guest courtesy"),
        description=(
            "Uniform and personal grooming standards, hand hygiene, greeting guests and the words "
            "that make a guest feel welcome."
        ),
        due_in_days=14,
    ),
    DemoModule(
        "HOS-110",
        "Food and beverage service",
        sector="Hospitality",
        hours=16,
        difficulty=INTERMEDIATE,
        points=35,
        skills=("F&B service", "Table setting", "Food safety"),
        description=(
            "Lay a table, take and repeat an order, serve from the correct side, clear and bill; "
            "FSSAI food-safety basics for service staff."
        ),
        requires=("HOS-101",),
        due_in_days=30,
        quiz=_quiz(
            60,
            (
                "From which side is food usually served in silver service?",
                ("*The guest's left", "The guest's right", "Across the table", "Any side"),
            ),
            (
                "A guest says they are allergic to peanuts. You…",
                (
                    "Ignore it",
                    "*Tell the kitchen and check every dish",
                    "Remove peanuts you can see",
                    "Suggest another restaurant",
                ),
            ),
            (
                "Hot food must be held at…",
                ("Room temperature", "*63 °C or above", "Any temperature", "Below 5 °C"),
            ),
        ),
    ),
    DemoModule(
        "HOS-201",
        "Front office and reservations",
        sector="Hospitality",
        hours=14,
        difficulty=INTERMEDIATE,
        points=35,
        skills=("Front office", "Reservations", "Guest relations"),
        description=(
            "Check guests in and out, take a reservation on a property management system, handle "
            "payments and complaints at the desk."
        ),
        requires=("HOS-101",),
        due_in_days=30,
    ),
    DemoModule(
        "HOS-210",
        "Housekeeping standards",
        sector="Hospitality",
        hours=10,
        difficulty=BEGINNER,
        points=20,
        skills=("Housekeeping", "Room preparation", "Chemical safety"),
        description=(
            "Prepare a guest room to standard, make a bed, use cleaning chemicals safely and report "
            "maintenance problems."
        ),
        requires=("HOS-101",),
        due_in_days=21,
    ),
    # Banking & Finance
    DemoModule(
        "BFS-101",
        "Money basics: budgeting, UPI and saving",
        sector="Banking & Finance",
        hours=5,
        difficulty=BEGINNER,
        points=10,
        skills=("Budgeting", "Digital payments", "Saving"),
        description=(
            "Plan a monthly budget on a first salary, open a bank account, pay safely with UPI, and "
            "start saving in a recurring deposit."
        ),
        due_in_days=14,
        quiz=_quiz(
            60,
            (
                "Which is a good first step with your first salary?",
                ("Spend it all", "*Make a monthly budget", "Lend it all", "Keep it under the mattress"),
            ),
            (
                "A UPI PIN should be shared with…",
                ("Your bank's helpline", "Family", "*No one", "The shopkeeper"),
            ),
            (
                "A recurring deposit is…",
                (
                    "A loan",
                    "*A fixed amount saved every month for a set period",
                    "A credit card",
                    "An insurance policy",
                ),
            ),
        ),
    ),
    DemoModule(
        "BFS-110",
        "Banking products and KYC",
        sector="Banking & Finance",
        hours=12,
        difficulty=INTERMEDIATE,
        points=30,
        skills=("Banking products", "KYC", "Customer onboarding"),
        description=(
            "Savings and current accounts, fixed deposits, loans and their interest; the KYC "
            "documents a bank needs and how to check them."
        ),
        requires=("BFS-101",),
        due_in_days=30,
        quiz=_quiz(
            75,
            (
                "Which is an officially valid document for KYC?",
                ("A library card", "*Aadhaar", "A college ID", "A gas bill from a friend"),
            ),
            (
                "What does KYC stand for?",
                ("Keep Your Cash", "*Know Your Customer", "Key Yearly Charges", "Know Your Credit"),
            ),
            (
                "A fixed deposit pays interest because…",
                (
                    "*The bank can use the money for a fixed time",
                    "It is a loan",
                    "It is insured",
                    "It is a tax",
                ),
            ),
            (
                "PAN is required mainly for…",
                ("Voting", "*Tax-related transactions", "Train tickets", "School admission"),
            ),
        ),
    ),
    DemoModule(
        "BFS-201",
        "Selling insurance and mutual funds responsibly",
        sector="Banking & Finance",
        hours=16,
        difficulty=ADVANCED,
        points=50,
        skills=("Financial products", "Needs analysis", "Compliance"),
        description=(
            "Understand a customer's needs before selling, explain risks honestly, and follow IRDAI "
            "and SEBI rules against mis-selling."
        ),
        requires=("BFS-110",),
        due_in_days=45,
    ),
    DemoModule(
        "BFS-210",
        "Business correspondent and micro-finance field work",
        sector="Banking & Finance",
        hours=14,
        difficulty=INTERMEDIATE,
        points=35,
        skills=("Field banking", "Micro-finance", "Record keeping"),
        description=(
            "Run a business correspondent point, open no-frills accounts, collect repayments from "
            "self-help groups and keep the records straight."
        ),
        requires=("BFS-110",),
        due_in_days=45,
    ),
    # Healthcare
    DemoModule(
        "HLT-101",
        "Patient care basics and infection control",
        sector="Healthcare",
        hours=10,
        difficulty=BEGINNER,
        points=20,
        skills=("Patient care", "Infection control", "Hand hygiene"),
        description=(
            "Greet and move patients safely, the five moments of hand hygiene, personal protective "
            "equipment and disposing of biomedical waste by colour code."
        ),
        due_in_days=21,
        quiz=_quiz(
            75,
            ("Which bin takes used cotton soiled with blood?", ("Black", "*Yellow", "Blue", "Green")),
            (
                "When should you clean your hands?",
                (
                    "Only at the end of the shift",
                    "*Before and after touching a patient",
                    "Only when they look dirty",
                    "Once an hour",
                ),
            ),
            (
                "Used needles go into…",
                ("Any dustbin", "*A puncture-proof sharps container", "A plastic bag", "The sink"),
            ),
        ),
    ),
    DemoModule(
        "HLT-110",
        "First aid and CPR",
        sector="Healthcare",
        hours=6,
        difficulty=BEGINNER,
        points=15,
        skills=("First aid", "CPR", "Emergency response"),
        description=(
            "Check the scene, call 108, give CPR, treat burns, bleeding and fainting until help arrives."
        ),
        due_in_days=14,
        quiz=_quiz(
            60,
            ("The emergency ambulance number in most of India is…", ("100", "*108", "139", "1098")),
            (
                "For an adult in CPR you press the chest about…",
                (
                    "10 times a minute",
                    "*100 to 120 times a minute",
                    "Once every 10 seconds",
                    "As hard as you can, without rhythm",
                ),
            ),
            (
                "For a minor burn you first…",
                (
                    "Apply toothpaste",
                    "*Cool it under running water",
                    "Pop the blister",
                    "Cover it with butter",
                ),
            ),
            (
                "Before helping someone who collapsed, you check…",
                ("Their phone", "*That the scene is safe", "Their wallet", "Nothing"),
            ),
        ),
    ),
    DemoModule(
        "HLT-201",
        "General duty assistant: ward routines",
        sector="Healthcare",
        hours=24,
        difficulty=INTERMEDIATE,
        points=45,
        skills=("Ward routines", "Vital signs", "Patient records"),
        description=(
            "Make beds, help patients eat, bathe and move, measure temperature, pulse and blood "
            "pressure, and record them correctly."
        ),
        requires=("HLT-101",),
        due_in_days=45,
    ),
    DemoModule(
        "HLT-210",
        "Pharmacy assistant: dispensing and stock",
        sector="Healthcare",
        hours=16,
        difficulty=INTERMEDIATE,
        points=40,
        skills=("Dispensing", "Stock control", "Cold chain"),
        description=(
            "Read a prescription, dispense under a pharmacist, check expiry dates, store vaccines in "
            "the cold chain and keep the stock register."
        ),
        requires=("HLT-101",),
        due_in_days=45,
    ),
    # Logistics
    DemoModule(
        "LOG-101",
        "Warehouse basics and safety",
        sector="Logistics",
        hours=8,
        difficulty=BEGINNER,
        points=15,
        skills=("Warehousing", "Safe lifting", "Safety"),
        description=(
            "Inward and outward flow, bin locations, lifting without injury, forklift lanes and fire "
            "safety in a warehouse."
        ),
        due_in_days=21,
        quiz=_quiz(
            60,
            (
                "How do you lift a heavy carton safely?",
                (
                    "Bend at the waist",
                    "*Bend your knees and keep your back straight",
                    "Twist while lifting",
                    "Lift it alone, fast",
                ),
            ),
            (
                "FIFO means…",
                (
                    "*First in, first out",
                    "Fast in, fast out",
                    "Fill in, fill out",
                    "First invoice, final order",
                ),
            ),
            (
                "A forklift lane is…",
                ("A place to rest", "*Kept clear for forklifts only", "Storage space", "A parking space"),
            ),
        ),
    ),
    DemoModule(
        "LOG-201",
        "Last-mile delivery and route planning",
        sector="Logistics",
        hours=10,
        difficulty=INTERMEDIATE,
        points=30,
        skills=("Route planning", "Delivery apps", "Cash on delivery"),
        description=(
            "Plan a delivery route on a map app, handle cash on delivery and returns, and keep "
            "customers informed when you are late."
        ),
        requires=("LOG-101",),
        due_in_days=30,
    ),
    DemoModule(
        "LOG-210",
        "Inventory with handheld scanners",
        sector="Logistics",
        hours=8,
        difficulty=INTERMEDIATE,
        points=25,
        skills=("Barcode scanning", "Inventory", "WMS"),
        description=(
            "Scan goods in and out, run cycle counts with a handheld terminal and fix mismatches in "
            "the warehouse management system."
        ),
        requires=("LOG-101",),
        due_in_days=30,
    ),
    # Manufacturing
    DemoModule(
        "MFG-101",
        "Workplace safety and 5S",
        sector="Manufacturing",
        hours=6,
        difficulty=BEGINNER,
        points=15,
        skills=("Workplace safety", "5S", "PPE"),
        description=(
            "Sort, set in order, shine, standardise, sustain; personal protective equipment and "
            "reporting a near miss on the shop floor."
        ),
        due_in_days=14,
        quiz=_quiz(
            60,
            ("The first S of 5S is…", ("Shine", "*Sort", "Sustain", "Standardise")),
            (
                "A near miss should be…",
                (
                    "Forgotten",
                    "*Reported so it can be prevented",
                    "Hidden from the supervisor",
                    "Laughed off",
                ),
            ),
            (
                "Safety shoes protect you from…",
                ("Rain only", "*Falling objects and sharp items", "Noise", "Heat only"),
            ),
        ),
    ),
    # Telecom
    DemoModule(
        "TEL-101",
        "Mobile handset and SIM sales",
        sector="Telecom",
        hours=8,
        difficulty=BEGINNER,
        points=20,
        skills=("Product knowledge", "Sales", "e-KYC"),
        description=(
            "Explain prepaid and postpaid plans, compare handsets, activate a SIM with Aadhaar e-KYC "
            "and port a number."
        ),
        due_in_days=21,
    ),
    # Beauty & Wellness
    DemoModule(
        "BWS-101",
        "Beauty therapist assistant basics",
        sector="Beauty & Wellness",
        hours=20,
        difficulty=BEGINNER,
        points=30,
        skills=("Skin care", "Salon hygiene", "Client consultation"),
        description=(
            "Salon hygiene, a client consultation, basic facials, threading and waxing, and selling "
            "aftercare products honestly."
        ),
        due_in_days=30,
    ),
    # Electronics
    DemoModule(
        "ELE-101",
        "Field technician: home appliances",
        sector="Electronics",
        hours=24,
        difficulty=INTERMEDIATE,
        points=40,
        skills=("Appliance repair", "Electrical safety", "Customer visits"),
        description=(
            "Install and service fans, mixers, washing machines and air conditioners; test with a "
            "multimeter; work safely with mains power in a customer's home."
        ),
        due_in_days=45,
    ),
    # Construction
    DemoModule(
        "CON-101",
        "Site safety and assistant electrician basics",
        sector="Construction",
        hours=18,
        difficulty=BEGINNER,
        points=30,
        skills=("Site safety", "Wiring basics", "Tools"),
        description=(
            "Helmet, harness and scaffold rules on a building site; house wiring circuits, "
            "switchboards and earthing with a qualified electrician."
        ),
        due_in_days=30,
    ),
)
