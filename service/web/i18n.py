"""The pages' words in zh-CN (default) and English; ``?lang=en`` switches (kept in a cookie)."""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT = "zh"

# key: (zh-CN, English)
WORDS: dict[str, tuple[str, str]] = {
    "app": ("智能质检工作台", "QA workbench"),
    "calls": ("通话", "Calls"), "appeals": ("申诉", "Appeals"), "agents": ("坐席", "Agents"),
    "alerts": ("预警", "Alerts"), "rules": ("规则", "Rules"),
    "backtest": ("最近一次回测（对照人工标注）", "Latest backtest (against human labels)"),
    "backtest_none": ("尚无回测报告。生成方法：", "No backtest report yet. To produce one:"),
    "backtest_bad": ("回测报告无法读取", "The backtest report cannot be read"),
    "label_file": ("标注文件", "Label file"), "split": ("数据划分", "Split"),
    "agreement": ("一致率", "Agreement"), "precision": ("精确率", "Precision"),
    "recall": ("召回率", "Recall"), "na_rate": ("不适用", "N/A"), "review_rate": ("转复核", "Review"),
    "baseline": ("基线", "Baseline"),
    "sign_in": ("登录", "Sign in"), "sign_out": ("退出", "Sign out"),
    "api_key": ("API 密钥", "API key"),
    "sign_in_help": ("用 `qa keys create` 发放的密钥登录；密钥不会存入 Cookie。",
                     "Sign in with a key from `qa keys create`; the key is never put in a cookie."),
    "bad_key": ("密钥无效或已吊销", "Invalid or revoked key"),
    "agent": ("坐席", "Agent"), "queue": ("队列", "Queue"), "from": ("开始日期", "From"),
    "to": ("结束日期", "To"), "min_score": ("最低分", "Min score"),
    "max_score": ("最高分", "Max score"), "min_risk": ("最低投诉风险", "Min complaint risk"),
    "red_line": ("一票否决", "Red line"), "needs_review": ("待复核", "Needs review"),
    "any": ("全部", "Any"), "yes": ("是", "Yes"), "no": ("否", "No"),
    "filter": ("筛选", "Filter"), "reset": ("清除", "Reset"),
    "call": ("通话", "Call"), "started": ("开始时间", "Started"), "score": ("得分", "Score"),
    "risk": ("投诉风险", "Complaint risk"), "version": ("版本", "Version"),
    "total": ("共", "Total"), "prev": ("上一页", "Previous"), "next": ("下一页", "Next"),
    "no_calls": ("没有符合条件的通话", "No calls match"),
    "transcript": ("对话记录", "Transcript"), "scorecard": ("评分表", "Scorecard"),
    "item": ("项目", "Item"), "section": ("环节", "Section"), "weight": ("权重", "Weight"),
    "value": ("得分率", "Value"), "reason": ("原因", "Reason"), "evidence": ("证据", "Evidence"),
    "na": ("不适用", "N/A"), "click_item": ("点击项目，在对话中高亮证据",
                                         "Click an item to highlight its evidence"),
    "customer": ("客户", "Customer"), "agent_speaker": ("坐席", "Agent"),
    "unknown": ("未知", "Unknown"),
    "sentiment": ("客户情绪轨迹（负面概率）", "Customer sentiment (negative probability)"),
    "complaint": ("投诉风险", "Complaint risk"), "cues": ("线索", "Cues"),
    "threshold": ("阈值", "Threshold"), "audio": ("录音", "Recording"),
    "no_audio": ("未存储录音", "No recording stored"),
    "history": ("版本历史", "Version history"), "changes": ("变化", "What changed"),
    "actor": ("操作人", "By"), "when": ("时间", "When"),
    "review": ("复核", "Review"), "correct": ("机检正确", "Correct"),
    "incorrect": ("机检不正确", "Incorrect"), "comment": ("备注", "Comment"),
    "submit": ("提交", "Submit"), "appeal": ("申诉", "Appeal"),
    "appeal_reason": ("申诉理由", "Reason for appeal"), "status": ("状态", "Status"),
    "decide": ("裁决", "Decide"), "uphold": ("支持（改判）", "Uphold"),
    "reject": ("驳回", "Reject"), "open": ("待处理", "Open"), "upheld": ("已改判", "Upheld"),
    "rejected": ("已驳回", "Rejected"), "finding": ("检测项", "Finding"),
    "decided_by": ("裁决人", "Decided by"), "resulting_version": ("新版本", "New version"),
    "leaderboard": ("排行榜", "Leaderboard"), "rank": ("排名", "Rank"),
    "shrunk_mean": ("收缩均值", "Shrunk mean"), "interval": ("区间", "Interval"),
    "raw_mean": ("原始均值", "Raw mean"), "calls_n": ("通话数", "Calls"),
    "ties_note": ("区间重叠的坐席并列（=）", "Agents whose intervals overlap share a rank (=)"),
    "trend": ("周趋势", "Weekly trend"), "section_means": ("各环节均分", "Section means"),
    "team_mean": ("团队均值", "Team mean"), "delivery": ("推送状态", "Delivery"),
    "acknowledge": ("确认", "Acknowledge"), "acknowledged": ("已确认", "Acknowledged"),
    "rule": ("规则", "Rule"), "hit_rate": ("命中率", "Hit rate"),
    "pass_rate": ("合规率", "Pass rate"), "applicable": ("适用通话", "Applicable"),
    "period": ("期间", "Period"), "show": ("查看", "Show"),
    "saved_version": ("已保存，新版本", "Saved; new version"),
    "appeal_filed": ("申诉已提交", "Appeal filed"), "decided": ("已裁决", "Decided"),
    "forbidden": ("无权访问", "Forbidden"), "not_found": ("未找到", "Not found"),
    "error": ("出错了", "Error"), "back": ("返回", "Back"), "play": ("播放", "Play"),
    "my_board": ("我的看板", "My board"), "audit_chain": ("审计链", "Audit chain"),
    "chain_ok": ("哈希链完整", "Hash chain intact"), "chain_bad": ("哈希链损坏", "Hash chain broken"),
    "entries": ("条", "entries"), "none": ("无", "None"),
    "probability": ("概率", "Probability"), "item_changed": ("项目变化", "Items changed"),
}


def translator(lang: str):
    """``t(key)`` for one language; an unknown key shows itself (easy to spot)."""
    column = 1 if lang == "en" else 0

    def t(key: str) -> str:
        words = WORDS.get(key)
        return words[column] if words else key

    return t
