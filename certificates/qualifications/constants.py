"""The qualification catalogue the site starts from; HR edits it afterwards."""

# AI and data qualifications a civil servant may earn (../shared/DOMAIN.md).
QUALIFICATION_CATALOGUE = [
    ("AICE Basic", "KT · 한국경제신문", "private"),
    ("AICE Associate", "KT · 한국경제신문", "national_private"),
    ("AICE Professional", "KT · 한국경제신문", "private"),
    ("빅데이터분석기사", "한국데이터산업진흥원", "national_technical"),
    ("ADsP (데이터분석 준전문가)", "한국데이터산업진흥원", "national_private"),
    ("ADP (데이터분석 전문가)", "한국데이터산업진흥원", "national_private"),
    ("SQLD (SQL 개발자)", "한국데이터산업진흥원", "national_private"),
    ("SQLP (SQL 전문가)", "한국데이터산업진흥원", "national_private"),
    ("정보처리기사", "한국산업인력공단", "national_technical"),
    ("사회조사분석사 2급", "한국산업인력공단", "national_technical"),
    ("AWS Certified AI Practitioner", "Amazon Web Services", "vendor"),
    ("Microsoft Certified: Azure AI Fundamentals", "Microsoft", "vendor"),
    ("Google Cloud Professional Machine Learning Engineer", "Google Cloud", "vendor"),
]
