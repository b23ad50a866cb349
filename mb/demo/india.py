"""Who the demo youth are: where they live, what they are called, where they study.

Regions are weighted by population (2011 census, millions), so Uttar Pradesh, Maharashtra and
Bihar send the most youth and Lakshadweep the fewest. Names follow each region's language.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Names:
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]


def _names(women: str, men: str, surnames: str) -> Names:
    return Names(tuple(women.split()), tuple(men.split()), tuple(surnames.split()))


NAMES: dict[str, Names] = {
    "hindi": _names(
        "Priya Pooja Neha Anjali Sunita Kajal Ritu Shivani Komal Nisha Khushi Sapna Muskan Aarti",
        "Rahul Amit Rohit Vikas Sandeep Ankit Deepak Manish Saurabh Abhishek Ravi Suraj Aman Vivek",
        "Sharma Verma Yadav Singh Kumar Gupta Mishra Tiwari Pandey Chauhan Maurya Kushwaha Prajapati Paswan",
    ),
    "punjabi": _names(
        "Harpreet Simran Gurleen Manpreet Jasleen Navneet Amandeep Kirandeep",
        "Gurpreet Harjeet Manjot Jaskaran Arshdeep Lovepreet Sukhwinder Rajveer",
        "Sandhu Gill Dhillon Sidhu Brar Grewal Randhawa Bajwa",
    ),
    "marathi": _names(
        "Snehal Pallavi Rutuja Sayali Ashwini Prajakta Shraddha Vaishnavi Komal Gauri",
        "Omkar Shubham Akshay Pratik Sagar Tushar Nikhil Aniket Swapnil Mayur",
        "Patil Jadhav Pawar Shinde Kale Deshmukh Gaikwad More Kulkarni Salunkhe",
    ),
    "gujarati": _names(
        "Hetal Krupa Dhara Bhoomi Jinal Nidhi Foram Riddhi",
        "Hardik Jignesh Chirag Parth Kunal Dhruv Mihir Yash",
        "Patel Shah Desai Parmar Solanki Chaudhary Makwana Rathod",
    ),
    "bengali": _names(
        "Moumita Sreya Rimpa Tanushree Priyanka Sangita Payel Ankita",
        "Sourav Arindam Subhajit Debashis Sayan Rakesh Partha Tanmoy",
        "Das Ghosh Mondal Roy Biswas Sarkar Banerjee Chatterjee Mukherjee Saha",
    ),
    "assamese": _names(
        "Bornali Nilakshi Pallabi Rashmi Jyotishmita Anamika",
        "Bhaskar Hiranya Pranjal Dhruba Manash Bikash",
        "Baruah Gogoi Bora Saikia Kalita Hazarika Deka",
    ),
    "odia": _names(
        "Sasmita Jyotirmayee Subhashree Lipsa Madhusmita Rashmita",
        "Subhendu Debasish Sambit Chinmaya Ashutosh Biswajit",
        "Mohanty Behera Sahoo Nayak Pradhan Mishra Swain Panda",
    ),
    "tamil": _names(
        "Divya Kavya Priyadharshini Nandhini Sangeetha Revathi Keerthana Abinaya",
        "Karthik Arun Vignesh Prakash Saravanan Dinesh Manikandan Ajith",
        "Murugan Subramaniam Ramasamy Krishnan Selvam Pandian Velu Rajendran",
    ),
    "kannada": _names(
        "Kavya Ananya Spoorthi Chaitra Rakshitha Bhavana Sahana Pavithra",
        "Chethan Darshan Manjunath Praveen Santhosh Kiran Naveen Harsha",
        "Gowda Shetty Hegde Naik Rao Patil Kulkarni Murthy",
    ),
    "malayalam": _names(
        "Anjana Aswathy Athira Reshma Sreelakshmi Neethu Gopika Amrutha",
        "Akhil Arjun Vishnu Nithin Rahul Jithin Sreejith Anoop",
        "Nair Menon Pillai Kurian Thomas Varghese Joseph Namboothiri",
    ),
    "telugu": _names(
        "Lakshmi Swathi Sravani Bhavya Keerthi Haritha Sowmya Mounika",
        "Sai Venkatesh Srinivas Ravi Teja Mahesh Naresh Pavan",
        "Reddy Rao Naidu Chowdary Varma Goud Yadav Raju",
    ),
    "northeast": _names(
        "Lalremruati Ibemhal Mercy Thingnam Dolly Ngaihte Kasturi Pema",
        "Lalthanpuia Rohen Imchen Tenzing Bijoy Thangjam Vizo Dorjee",
        "Lalchhanhima Singh Ao Sangma Marak Lepcha Bhutia Khongwir",
    ),
}


@dataclass(frozen=True)
class Region:
    code: str  # a key of mb.domain.model.regions.REGIONS
    people_millions: float
    language: str  # a key of NAMES
    cities: tuple[str, ...]


def _region(code: str, people: float, language: str, cities: str) -> Region:
    return Region(code, people, language, tuple(cities.split(", ")))


REGION_MIX: tuple[Region, ...] = (
    _region("UP", 200, "hindi", "Lucknow, Kanpur, Varanasi, Gorakhpur, Agra, Prayagraj"),
    _region("MH", 112, "marathi", "Pune, Mumbai, Nagpur, Nashik, Aurangabad, Kolhapur"),
    _region("BR", 104, "hindi", "Patna, Gaya, Muzaffarpur, Bhagalpur, Darbhanga"),
    _region("WB", 91, "bengali", "Kolkata, Howrah, Durgapur, Siliguri, Asansol"),
    _region("MP", 73, "hindi", "Bhopal, Indore, Jabalpur, Gwalior, Rewa"),
    _region("TN", 72, "tamil", "Chennai, Coimbatore, Madurai, Tiruchirappalli, Salem"),
    _region("RJ", 69, "hindi", "Jaipur, Jodhpur, Udaipur, Kota, Ajmer"),
    _region("KA", 61, "kannada", "Bengaluru, Mysuru, Hubballi, Mangaluru, Belagavi"),
    _region("GJ", 60, "gujarati", "Ahmedabad, Surat, Vadodara, Rajkot, Bhavnagar"),
    _region("AP", 50, "telugu", "Visakhapatnam, Vijayawada, Guntur, Tirupati, Kurnool"),
    _region("OD", 42, "odia", "Bhubaneswar, Cuttack, Berhampur, Sambalpur, Rourkela"),
    _region("TG", 35, "telugu", "Hyderabad, Warangal, Karimnagar, Nizamabad"),
    _region("KL", 33, "malayalam", "Thiruvananthapuram, Kochi, Kozhikode, Thrissur, Kollam"),
    _region("JH", 33, "hindi", "Ranchi, Jamshedpur, Dhanbad, Bokaro"),
    _region("AS", 31, "assamese", "Guwahati, Dibrugarh, Jorhat, Silchar"),
    _region("PB", 28, "punjabi", "Ludhiana, Amritsar, Jalandhar, Patiala, Bathinda"),
    _region("CT", 26, "hindi", "Raipur, Bilaspur, Durg, Korba"),
    _region("HR", 25, "hindi", "Gurugram, Faridabad, Panipat, Hisar, Karnal"),
    _region("DL", 17, "hindi", "New Delhi, Dwarka, Rohini, Shahdara"),
    _region("JK", 12, "hindi", "Jammu, Srinagar, Anantnag"),
    _region("UK", 10, "hindi", "Dehradun, Haridwar, Haldwani, Roorkee"),
    _region("HP", 7, "hindi", "Shimla, Mandi, Dharamshala"),
    _region("TR", 3.7, "bengali", "Agartala, Udaipur"),
    _region("ML", 3, "northeast", "Shillong, Tura"),
    _region("MN", 2.9, "northeast", "Imphal, Thoubal"),
    _region("NL", 2, "northeast", "Kohima, Dimapur"),
    _region("GA", 1.5, "marathi", "Panaji, Margao"),
    _region("AR", 1.4, "northeast", "Itanagar, Pasighat"),
    _region("PY", 1.2, "tamil", "Puducherry, Karaikal"),
    _region("MZ", 1.1, "northeast", "Aizawl, Lunglei"),
    _region("CH", 1.1, "punjabi", "Chandigarh"),
    _region("SK", 0.6, "northeast", "Gangtok, Namchi"),
    _region("DH", 0.6, "gujarati", "Daman, Silvassa"),
    _region("AN", 0.4, "hindi", "Port Blair"),
    _region("LA", 0.3, "hindi", "Leh, Kargil"),
    _region("LD", 0.06, "malayalam", "Kavaratti"),
)

# Education level (a key of EDUCATION_LEVELS) → how common it is among enrolling youth, and
# the kinds of institution where it is studied ("{city}" is filled in).
EDUCATION_MIX: dict[str, tuple[float, tuple[str, ...]]] = {
    "secondary": (10, ("Government High School, {city}", "Zilla Parishad High School, {city}")),
    "higher_secondary": (
        28,
        ("Government Senior Secondary School, {city}", "Government Inter College, {city}"),
    ),
    "iti_diploma": (27, ("Government ITI {city}", "Government Polytechnic {city}", "Private ITI {city}")),
    "undergraduate": (
        14,
        ("Government Degree College, {city}", "Government Arts and Science College, {city}"),
    ),
    "graduate": (18, ("Government Degree College, {city}", "Government College of Commerce, {city}")),
    "postgraduate": (3, ("{city} University",)),
}

# What youth write in "skills" on registration, by how far they studied.
BASIC_SKILLS = ("Hindi", "English", "Smartphone", "WhatsApp", "Cooking", "Driving (two-wheeler)")
STUDY_SKILLS = ("MS Word", "MS Excel", "Typing", "Tally", "Spoken English", "Mathematics", "Accounting")
TRADE_SKILLS = ("Electrician", "Fitter", "Welding", "COPA", "Plumbing", "Sewing", "AC repair")
