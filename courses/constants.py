"""Fixed facts of the ordinance the learning app is built on."""

# Art. 14② of the ordinance, verbatim. Editors may reword the names later.
ARTICLE_14_2_TOPICS = [
    ("14-2-1", "인공지능 발전에 따른 행정 환경의 변화"),
    ("14-2-2", "인공지능 행정 구현에 따른 공무원의 역할 변화"),
    ("14-2-3", "인공지능 행정서비스의 제공 및 운영 방안"),
    ("14-2-4", "시민의 인공지능 행정서비스 이용 활성화 방안"),
    ("14-2-5", "개인정보 활용·데이터 오남용 등 윤리적 사항에 관한 규제 방안"),
]
