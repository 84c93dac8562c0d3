#!/usr/bin/env python3
"""Writes a synthetic 问卷星-style export for the survey benchmarks: N rows × 30
columns (metadata, NPS, ratings, single and multiple choice joined with ┋, numbers,
free text), deterministic for a given seed.

    python3 scripts/make_big_survey.py OUT.csv [ROWS] [SEED]
"""
import csv
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)

SAT = ["非常不满意", "不满意", "一般", "满意", "非常满意"]
CITY = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆"]
FEATURES = ["智能回复", "工单", "知识库", "质检", "报表", "坐席排班", "客户画像", "多渠道接入"]
WISH = ["语音识别", "自动摘要", "情绪分析", "移动端", "开放API", "数据导出"]
WORDS = ["界面", "好用", "希望", "速度", "更快", "客服", "回复", "功能", "稳定", "价格", "报表", "导出"]

header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
          "1、您向朋友推荐我们产品的可能性有多大？", "2、您对回复速度满意吗", "3、您对界面满意吗",
          "4、您对价格满意吗", "5、您所在的城市", "6、您的角色", "7、您使用过哪些功能",
          "8、您希望增加哪些功能", "9、每天使用时长（小时）", "10、团队人数"]
for i in range(11, 23):
    header.append(f"{i}、请为第{i - 10}项能力打分（1-5分）")
header.append("23、还有什么建议")
header.append("24、您的行业")
assert len(header) == 30

with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for n in range(1, rows + 1):
        nps = min(10, max(0, int(rng.gauss(7.5, 2))))
        row = [n, f"2026/{rng.randint(1, 11)}/{rng.randint(1, 28)} {rng.randint(8, 22)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
               f"{rng.randint(30, 900)}秒", rng.choice(["微信", "手机提交", "链接"]), "直接访问",
               f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.x.x", nps,
               rng.choice(SAT), rng.choice(SAT), rng.choice(SAT), rng.choice(CITY),
               rng.choice(["产品经理", "客服主管", "坐席", "IT"]),
               "┋".join(rng.sample(FEATURES, rng.randint(1, 4))),
               "┋".join(rng.sample(WISH, rng.randint(1, 3))),
               round(rng.uniform(0.5, 10), 1), rng.randint(3, 500)]
        row += [rng.randint(1, 5) for _ in range(12)]
        row.append("" if rng.random() < 0.6 else "".join(rng.sample(WORDS, 3)))
        row.append(rng.choice(["电商", "金融", "教育", "制造", "政务"]))
        w.writerow(row)
