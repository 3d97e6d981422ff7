"""The world's countries by name: general knowledge, the same for every meeting.

The frame uses it to tell a country from a city when no source gives a principal's nationality
("Prime Minister Narendra Modi" names no country): the city the sources name beside a country
is where in it the meeting is.
"""

from __future__ import annotations

import re

# UN member and observer states, and the short forms news copy uses for them.
_COUNTRIES = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia; Australia;
Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan;
Bolivia; Bosnia and Herzegovina; Bosnia; Botswana; Brazil; Brunei; Bulgaria; Burkina Faso; Burundi;
Cabo Verde; Cape Verde; Cambodia; Cameroon; Canada; Central African Republic; Chad; Chile; China;
Colombia; Comoros; Congo; Democratic Republic of the Congo; Costa Rica; Côte d'Ivoire; Ivory Coast;
Croatia; Cuba; Cyprus; Czech Republic; Czechia; Denmark; Djibouti; Dominica; Dominican Republic;
Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland;
France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea; Guinea-Bissau;
Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy;
Jamaica; Japan; Jordan; Kazakhstan; Kenya; Kiribati; Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon;
Lesotho; Liberia; Libya; Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives;
Mali; Malta; Marshall Islands; Mauritania; Mauritius; Mexico; Micronesia; Moldova; Monaco; Mongolia;
Montenegro; Morocco; Mozambique; Myanmar; Burma; Namibia; Nauru; Nepal; Netherlands; Holland;
New Zealand; Nicaragua; Niger; Nigeria; North Korea; North Macedonia; Macedonia; Norway; Oman;
Pakistan; Palau; Palestine; Panama; Papua New Guinea; Paraguay; Peru; Philippines; Poland; Portugal;
Qatar; Romania; Russia; Russian Federation; Rwanda; Saint Kitts and Nevis; Saint Lucia;
Saint Vincent and the Grenadines; Samoa; San Marino; Sao Tome and Principe; Saudi Arabia; Senegal;
Serbia; Seychelles; Sierra Leone; Singapore; Slovakia; Slovenia; Solomon Islands; Somalia;
South Africa; South Korea; Korea; South Sudan; Spain; Sri Lanka; Sudan; Suriname; Sweden; Switzerland;
Syria; Taiwan; Tajikistan; Tanzania; Thailand; Timor-Leste; East Timor; Togo; Tonga;
Trinidad and Tobago; Tunisia; Turkey; Türkiye; Turkmenistan; Tuvalu; Uganda; Ukraine;
United Arab Emirates; UAE; United Kingdom; UK; Britain; Great Britain; England; Scotland; Wales;
Northern Ireland; United States; United States of America; US; USA; America; Uruguay; Uzbekistan;
Vanuatu; Vatican; Holy See; Venezuela; Vietnam; Viet Nam; Yemen; Zambia; Zimbabwe
"""


def _key(name: str) -> str:
    return re.sub(r"[^a-z]+", " ", name.lower().replace("’", "'").replace("'s", "")).strip()


COUNTRIES = frozenset(_key(c) for c in _COUNTRIES.replace("\n", " ").split(";") if c.strip())


def is_country(name: str) -> bool:
    """True if `name` is a country ("India", "the U.S.", "South Korea's"), not a city or region."""
    key = _key(name.replace(".", ""))
    key = key[4:] if key.startswith("the ") else key
    return key in COUNTRIES
