"""Fixed facts expense support starts from; HR edits the rows afterwards."""

# Art. 15② of the ordinance: the programme kinds that expense support covers,
# with the budget item code (통계목) they are usually paid from (to confirm).
SUPPORT_CATEGORIES = [
    (1, "인공지능 이해·활용 교육 및 연수", "201-01"),
    (2, "대학·연구기관·기업 연계 전문교육 및 연수", "201-01"),
    (3, "해외 선진사례 벤치마킹, 국제 포럼 및 학술대회 참가", "202-05"),
    (4, "인공지능·데이터 분석·머신러닝 관련 자격증 취득", "201-01"),
    (5, "인공지능 기반 전직 및 창업 지원", "201-01"),
    (6, "그 밖에 시장이 필요하다고 인정하는 인재 양성 및 역량 강화 사업", "201-01"),
]
