"""Constructed calls with known truth, for eval/asr_calls.py and eval/roles.py (eval only).

Agent lines are synthesised with espeak-ng (Mandarin read from tone-numbered pinyin,
voice ``cmn-latn-pinyin+f3``: the one variant Whisper base transcribes; needs
``apt-get install espeak-ng``); customer turns are whole real clips from
../shared/data/audio (read in place, never copied) with their published transcripts.
Every piece is trimmed to its speech (energy) before it is placed, so the truth times are
speech times. Stereo: agent left, customer right; both go through the telephone simulation
of eval/asr.py (300–3400 Hz, 8 kHz μ-law) and are written as 8 kHz μ-law WAV. Mono: the
two tracks summed, same simulation.

Caveats: one synthetic agent voice (acoustically very unlike the real customers, so role
separation is easier than between two real people); customer clips are read speech from
several speakers, not service calls.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SR = 16_000
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "audio"
if not DATA.is_dir():
    DATA = Path("/work/shared/data/audio")

CLIPS = {  # customer turns: clip → its published transcript
    "asr_funasr_examples/llamacpp_sample.wav": "我想问我在滨海新区有房",
    "asr_misc_zh_clips/paddlespeech_zh.wav": "我认为跑步最重要的就是给我带来了身体健康",
    "asr_wenet_examples/aishell-BAC009S0724W0121.wav": "广州市房地产中介协会分析",
    "asr_wenet_examples/nst_ID001.wav": "作为一个男人最起码的这个担当",
    "asr_wenet_examples/nst_ID002.wav": "但是对他们是很大的刺激的这些事情",
    "asr_funasr_examples/paraformer_example_0.wav": "欢迎大家来体验达摩院推出的语音识别模型",
    "asr_funasr_examples/paraformer_example_2.wav": "非常的方便但是现在不同啊英国脱欧欧盟内部完善的产业链的红利人",
    "asr_misc_zh_clips/baidu_16k.wav": "北京科技馆",
}

OPEN = "您好，工号一零二四，很高兴为您服务，请问有什么可以帮您？"
CONFIRM = "您是想查询这个问题对吗？我帮您核实一下。"
HOLD = "好的，您稍等。"
BACK = "感谢您的耐心等待，已经帮您查到了，明天就可以处理好。"
ANSWER = "已经帮您查到了，明天就可以处理好。"
OFFER = "好的，请问还有什么可以帮您？"
BYE = "感谢您的来电，祝您生活愉快，再见。"


@dataclass
class Turn:
    role: str
    text: str
    start: float
    end: float


@dataclass
class Call:
    """A constructed call: its tracks, its truth turns, and how it was built."""

    name: str
    agent: np.ndarray
    customer: np.ndarray
    turns: list[Turn] = field(default_factory=list)
    notes: str = ""

    def mono(self) -> np.ndarray:
        return self.agent + self.customer

    def truth(self):
        """The true transcript as a timed ``Conversation``."""
        from qa_engine.conversation import Conversation, Utterance

        return Conversation(id=self.name, channel="phone", utterances=[
            Utterance(speaker=t.role, start=round(t.start, 2), end=round(t.end, 2), text=t.text)
            for t in sorted(self.turns, key=lambda t: t.start)])


def trim(x: np.ndarray, rel: float = 0.1) -> np.ndarray:
    """Cut leading and trailing silence (10 ms frames below ``rel`` of the peak frame energy)."""
    frames = x[: len(x) // 160 * 160].reshape(-1, 160)
    energy = np.sqrt((frames ** 2).mean(axis=1))
    loud = np.flatnonzero(energy > rel * energy.max())
    return x[loud[0] * 160:(loud[-1] + 1) * 160] if len(loud) else x


@functools.cache
def tts(text: str, pitch: int = 60, speed: int = 150, variant: str = "f3") -> np.ndarray:
    """``text`` spoken by espeak-ng (16 kHz float), trimmed to speech; ``variant`` is the
    espeak voice variant appended to ``cmn-latn-pinyin`` (``f3`` for the first set)."""
    from faster_whisper.audio import decode_audio
    from pypinyin import Style, lazy_pinyin

    pinyin = " ".join(lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "a.wav"
        subprocess.run(["espeak-ng", "-v", f"cmn-latn-pinyin+{variant}", "-p", str(pitch), "-s", str(speed),
                        "-w", str(wav),
                        pinyin], check=True, capture_output=True)
        audio = decode_audio(str(wav), sampling_rate=SR)
    return trim(0.5 * audio / max(1e-6, np.abs(audio).max())).astype(np.float32)


@functools.cache
def clip(rel: str) -> np.ndarray:
    from faster_whisper.audio import decode_audio

    audio = decode_audio(str(DATA / rel), sampling_rate=SR)
    return trim(0.5 * audio / max(1e-6, np.abs(audio).max())).astype(np.float32)


def build(name: str, script: list[tuple], pitch: int = 60, speed: int = 150, variant: str = "f3",
          customer_voice: tuple[str, int, int] | None = None) -> Call:
    """``script``: (role, text-or-clip, gap before in s[, overlap]) in order. A negative gap
    starts the turn before the previous one ends (overlap). A customer turn is a clip of
    ``CLIPS`` / ``FRESH_CLIPS``, or, with ``customer_voice`` (variant, pitch, speed), text that
    espeak-ng speaks in that voice."""
    pieces, t = [], 0.5
    clips = {**CLIPS, **FRESH_CLIPS}
    for role, what, gap in script:
        if role == "agent":
            audio, text = tts(what, pitch, speed, variant), what
        elif what in clips:
            audio, text = clip(what), clips[what]
        elif customer_voice is not None:
            audio, text = tts(what, customer_voice[1], customer_voice[2], customer_voice[0]), what
        else:
            raise KeyError(f"{what!r} is no customer clip, and the call has no customer voice")
        start = t + gap if pieces else t
        pieces.append((role, text, start, audio))
        t = start + len(audio) / SR
    n = int((t + 1.0) * SR)
    tracks = {"agent": np.zeros(n, np.float32), "customer": np.zeros(n, np.float32)}
    turns = []
    for role, text, start, audio in pieces:
        a = int(start * SR)
        tracks[role][a:a + len(audio)] += audio
        turns.append(Turn(role, text, start, start + len(audio) / SR))
    return Call(name=name, agent=tracks["agent"], customer=tracks["customer"], turns=turns)


def calls(seed: int = 11) -> list[Call]:
    """Six calls: short turn gaps (0.2–0.45 s), a hold with notice, unannounced dead air,
    an agent who interrupts (stereo overlap), and a clean call; customers from the clips."""
    rng = np.random.default_rng(seed)
    names = list(CLIPS)
    out = []
    plans = [
        ("short_gaps", "no hold, every gap 0.2–0.45 s"),
        ("hold_notice", "您稍等 then a 20 s silence, thanked afterwards"),
        ("dead_air", "a 15 s silence with no notice and no thanks"),
        ("interrupts", "the agent starts 0.8 s before the customer finishes, twice"),
        ("clean", "ordinary gaps 0.5–1.2 s"),
        ("hold_unthanked", "请稍等 then 25 s of silence, no thanks afterwards"),
    ]
    for k, (plan, notes) in enumerate(plans):
        c1, c2 = names[(2 * k) % len(names)], names[(2 * k + 1) % len(names)]

        def gap(lo=0.5, hi=1.2):
            return float(rng.uniform(lo, hi)) if plan != "short_gaps" else float(rng.uniform(0.2, 0.45))

        script = [("agent", OPEN, 0.0), ("customer", c1, gap()), ("agent", CONFIRM, gap())]
        if plan == "hold_notice":
            script += [("agent", HOLD, gap()), ("agent", BACK, 20.0)]
        elif plan == "hold_unthanked":
            script += [("agent", "好的，请稍等，我帮您查一下。", gap()), ("agent", ANSWER, 25.0)]
        elif plan == "dead_air":
            script += [("agent", ANSWER, 15.0)]
        else:
            script += [("agent", ANSWER, gap())]
        overlap = -0.8 if plan == "interrupts" else None
        script += [("customer", c2, gap()), ("agent", OFFER, overlap if overlap else gap()),
                   ("customer", "asr_wenet_examples/nst_ID001.wav" if c2 != names[3] else names[0], gap()),
                   ("agent", BYE, overlap if overlap else gap())]
        call = build(f"{k + 1}_{plan}", script, pitch=50 + 10 * (k % 3))
        call.notes = notes
        out.append(call)
    return out


# Customer clips the first set does not use (author / model transcripts as in CLIPS).
FRESH_CLIPS = {
    "asr_misc_zh_clips/cosyvoice_zero_shot_prompt.wav": "希望你以后能够做的比我还好呦",
    "asr_funasr_examples/paraformer_example_1.wav":
        "正是因为存在绝对正义所以我们接受现实的相对正义但是不要因为现实的相对正义我们就认为这个世界没有正义"
        "因为如果当你认为这个世界没有正义",
}
_C = {  # short names for the customer clips
    "haus": "asr_funasr_examples/llamacpp_sample.wav", "run": "asr_misc_zh_clips/paddlespeech_zh.wav",
    "gz": "asr_wenet_examples/aishell-BAC009S0724W0121.wav", "man": "asr_wenet_examples/nst_ID001.wav",
    "stim": "asr_wenet_examples/nst_ID002.wav", "damo": "asr_funasr_examples/paraformer_example_0.wav",
    "uk": "asr_funasr_examples/paraformer_example_2.wav", "bj": "asr_misc_zh_clips/baidu_16k.wav",
    "cosy": "asr_misc_zh_clips/cosyvoice_zero_shot_prompt.wav", "just": "asr_funasr_examples/paraformer_example_1.wav",
}


def gaps(seed: int):
    """``g(lo, hi)``: the next turn gap in seconds, uniform in [lo, hi], from a generator seeded with ``seed``."""
    rng = np.random.default_rng(seed)

    def g(lo: float = 0.5, hi: float = 1.2) -> float:
        return float(rng.uniform(lo, hi))

    return g


def voiced_calls(plans: list[tuple]) -> list[Call]:
    """Calls from (name, notes, agent voice, customer voice, script) plans, each voice (espeak variant, pitch,
    speed); the voices go into the notes."""
    out = []
    for name, notes, (variant, pitch, speed), voice, script in plans:
        call = build(name, script, pitch=pitch, speed=speed, variant=variant, customer_voice=voice)
        call.notes = (f"{notes}; agent voice cmn-latn-pinyin+{variant}, pitch {pitch}, speed {speed}; "
                      f"customer voice +{voice[0]}, pitch {voice[1]}, speed {voice[2]}")
        out.append(call)
    return out


def fresh_calls(seed: int = 2611) -> list[Call]:
    """A second, pre-registered set (``eval/asr_calls.py --set fresh``): eight calls with agent
    scripts, service lines, voices (espeak variant, pitch, speed) and customer orderings the
    first set does not use, built before anything was scored on them. What the truth should
    charge is in each call's notes (the scorer decides; this is the design intent)."""
    g = gaps(seed)
    a, c = "agent", "customer"
    plans = [
        # name, notes, voice (variant, pitch, speed), script
        ("f1_telecom_nohold", "telecom; no hold, no silence; greeting, verify (手机尾号), confirm, offer, farewell",
         ("f3", 40, 170),
         [(a, "您好，欢迎致电联通客服，请问您需要办理什么业务？", 0.0), (c, _C["run"], g()),
          (a, "请您提供一下手机尾号，我核实一下您的身份。", g()), (c, _C["bj"], g()),
          (a, "您是想查询本月的话费，对吗？", g()), (c, _C["gz"], g()),
          (a, "您本月的话费是八十六元，已经全部缴清了。", g()),
          (a, "请问还有其他问题吗？", g()), (c, _C["cosy"], g()), (a, "感谢来电，再见。", g())]),
        ("f2_bank_nofarewell", "bank; notice 请稍等我帮您查询一下 + 18 s silence + thanks; no farewell: "
         "the call ends on the customer", ("f3", 75, 135),
         [(a, "您好，信用卡中心，很高兴为您服务。", 0.0), (c, _C["damo"], g()),
          (a, "请问您的身份证后四位是多少？", g()), (c, _C["man"], g()),
          (a, "您是想提高信用额度，是吗？", g()), (a, "好的，请稍等，我帮您查询一下。", g()),
          (a, "感谢您的等待，您的额度可以调整到两万元。", 18.0), (c, _C["haus"], g()),
          (a, "还有什么需要帮助的吗？", g()), (c, _C["stim"], g())]),
        ("f3_delivery_blame", "food delivery; 禁语 (这是你自己的问题), order number, confirm, offer, farewell",
         ("f3", 55, 160),
         [(a, "您好，外卖客服，请问有什么可以帮您？", 0.0), (c, _C["uk"], g()),
          (a, "麻烦您提供一下订单号。", g()), (c, _C["run"], g()),
          (a, "地址是您自己填错的，这是你自己的问题。", g()), (c, _C["just"], g()),
          (a, "您是想修改收货地址，对吗？我给您改成新的地址。", g()),
          (a, "还有什么可以帮您？", g()), (c, _C["bj"], g()), (a, "祝您生活愉快，再见。", g())]),
        ("f4_late_apology", "the agent reads a failure off the record (超时两个小时还没有送到) and apologises; "
         "verify by 尾号; short gaps 0.25–0.45 s", ("f2", 60, 150),
         [(a, "您好，请问有什么可以帮您？", 0.0), (c, _C["gz"], g(0.25, 0.45)),
          (a, "我看到您反馈的订单超时两个小时还没有送到，是吗？", g(0.25, 0.45)), (c, _C["cosy"], g(0.25, 0.45)),
          (a, "非常抱歉，给您带来了不便。请问是尾号三五七九的手机下的单吗？", g(0.25, 0.45)),
          (c, _C["stim"], g(0.25, 0.45)),
          (a, "您是想催一下这个订单，对吗？骑手十分钟内送到。", g(0.25, 0.45)),
          (a, "请问还有什么可以帮您？", g(0.25, 0.45)), (c, _C["man"], g(0.25, 0.45)),
          (a, "感谢您的来电，再见。", g(0.25, 0.45))]),
        ("f5_late_noapology", "the same failure on record, no apology; the agent interrupts the customer twice "
         "(−0.7 s, −1.0 s)", ("f2", 45, 175),
         [(a, "您好，很高兴为您服务。", 0.0), (c, _C["haus"], g()),
          (a, "我看到您反馈的订单超时两个小时还没有送到，是吗？", g()), (c, _C["just"], g()),
          (a, "请问是尾号三五七九的手机下的单吗？", -0.7), (c, _C["damo"], g()),
          (a, "您是想取消这个订单，对吗？我帮您办理退款。", -1.0),
          (a, "请问还有其他问题吗？", g()), (c, _C["gz"], g()), (a, "感谢来电，祝您生活愉快。", g())]),
        ("f6_silence_thanked", "a 16 s silence with no notice, thanked afterwards (让您久等了); verify by 验证码",
         ("f3", 85, 145),
         [(a, "您好，物业服务中心，请问有什么可以帮您？", 0.0), (c, _C["stim"], g()),
          (a, "请您报一下手机收到的验证码。", g()), (c, _C["bj"], g()),
          (a, "您是想报修家里的水管，对吗？", g()),
          (a, "让您久等了，师傅明天上午上门维修。", 16.0), (c, _C["run"], g()),
          (a, "请问还有什么可以帮您？", g()), (c, _C["uk"], g()), (a, "感谢您的来电，再见。", g())]),
        ("f7_nogreeting_hold", "no greeting (工号 and 请问有什么需要 only); notice 麻烦您稍等 + 22 s + "
         "谢谢您的耐心等待; no identity check", ("m3", 50, 155),
         [(a, "工号三二零八为您服务，请问有什么需要？", 0.0), (c, _C["man"], g()),
          (a, "您是想查一下快递到哪里了，对吗？麻烦您稍等。", g()),
          (a, "谢谢您的耐心等待，快递已经到了北京，明天派送。", 22.0), (c, _C["damo"], g()),
          (a, "还有什么可以帮您？", g()), (c, _C["haus"], g()), (a, "祝您生活愉快，再见。", g())]),
        ("f8_clean_insurance", "insurance; everything said, ordinary gaps, a long customer turn",
         ("f3", 65, 150),
         [(a, "您好，欢迎来电，很高兴为您服务。", 0.0), (c, _C["just"], g()),
          (a, "请问您的保单号是多少？", g()), (c, _C["gz"], g()),
          (a, "您是想了解理赔的进度，对吗？", g()), (c, _C["cosy"], g()),
          (a, "您的理赔已经审核通过，三个工作日内到账。", g()),
          (a, "请问还有其他问题吗？", g()), (c, _C["stim"], g()), (a, "感谢您的来电，祝您生活愉快，再见。", g())]),
    ]
    out = []
    for name, notes, (variant, pitch, speed), script in plans:
        call = build(name, script, pitch=pitch, speed=speed, variant=variant)
        call.notes = f"{notes}; voice cmn-latn-pinyin+{variant}, pitch {pitch}, speed {speed}"
        out.append(call)
    return out


def third_calls(seed: int = 2712) -> list[Call]:
    """A third, pre-registered set (``eval/asr_calls.py --set third``; rule in
    eval/asr_similarity_rule.md): eight service calls whose customers say what the agent
    restates — customer lines spoken by a second espeak voice (a male variant), with one real
    clip from ../shared/data/audio in every call so that real speech stays on the customer
    channel. Agent voices, service lines and scripts the first two sets do not use; built
    and committed before anything was transcribed or scored. What the truth should charge is
    in each call's notes (the scorer decides; this is the design intent)."""
    g = gaps(seed)
    a, c = "agent", "customer"
    plans = [
        # name, notes, agent voice, customer voice, script
        ("t1_parcel_full", "courier; everything said: greeting, 运单号, restated problem, apology, "
         "hold notice + 12 s + thanks, offer, farewell", ("f1", 60, 150), ("m1", 40, 150),
         [(a, "您好，顺达快递客服，很高兴为您服务，请问有什么可以帮您？", 0.0),
          (c, "我的快递三天了还没有送到，一直显示在派送中。", g()),
          (a, "请您提供一下运单号，我帮您查询。", g()), (c, "运单号是七五三一九八二六。", g()),
          (a, "您是说快递三天了还没有送到，对吗？", g()), (c, "对，就是这个问题。", g()),
          (a, "非常抱歉给您带来了不便，请您稍等，我帮您查一下。", g()),
          (a, "感谢您的耐心等待，快递今天下午就会送到。", 12.0), (c, _C["run"], g()),
          (a, "请问还有什么可以帮您？", g()), (c, "没有了，谢谢。", g()),
          (a, "感谢您的来电，祝您生活愉快，再见。", g())]),
        ("t2_refund_nooffer", "online shop; a broken item, apology, 手机尾号 check; no closing offer",
         ("f4", 55, 145), ("m4", 40, 150),
         [(a, "您好，欢迎致电商城客服，请问有什么可以帮您？", 0.0),
          (c, "我买的杯子收到的时候已经碎了，我想退款。", g()),
          (a, "请问您下单的手机尾号是多少？", g()), (c, "尾号是六六八二。", g()),
          (a, "您是想把碎了的杯子退款，是吗？", g()), (c, _C["gz"], g()),
          (a, "真是抱歉，给您添麻烦了，退款已经提交，三天内原路退回。", g()),
          (c, "好的，谢谢。", g()), (a, "感谢您的来电，再见。", g())]),
        ("t3_broadband_noapology", "broadband out for three days, an angry customer; no apology; "
         "restated problem, offer, farewell", ("f5", 65, 160), ("m5", 45, 145),
         [(a, "您好，宽带客服，请问有什么可以帮您？", 0.0),
          (c, "我家宽带断了三天了，你们一直没人来修，太不像话了。", g()),
          (a, "请提供一下宽带账号。", g()), (c, "账号是零二八三三五七。", g()),
          (a, "您是说宽带断了三天一直没人上门维修，对吗？", g()), (c, _C["man"], g()),
          (a, "已经给您派单了，师傅明天上午上门。", g()),
          (a, "请问还有其他问题吗？", g()), (c, "没有了。", g()), (a, "感谢您的来电，再见。", g())]),
        ("t4_hotel_noconfirm", "hotel booking moved a day; no restatement check; notice 请您稍等 + 15 s + "
         "感谢您的等待; nothing went wrong", ("f2", 60, 150), ("m7", 45, 150),
         [(a, "您好，锦程酒店预订中心，很高兴为您服务。", 0.0),
          (c, "我想把明天的房间改到后天入住。", g()), (a, "请问预订人的姓名和手机号是多少？", g()),
          (c, "姓王，手机号一三九零零一二三四五六。", g()), (a, "好的，请您稍等。", g()),
          (a, "感谢您的等待，已经帮您改到后天入住了。", 15.0), (c, _C["cosy"], g()),
          (a, "请问还有什么可以帮您？", g()), (c, "没有了，谢谢。", g()),
          (a, "祝您入住愉快，再见。", g())]),
        ("t5_bank_shortgaps", "bank card lost; every gap 0.2–0.4 s; everything said but a hold",
         ("f1", 70, 165), ("m1", 50, 160),
         [(a, "您好，很高兴为您服务，请问有什么可以帮您？", 0.0),
          (c, "我的银行卡丢了，我想挂失。", g(0.2, 0.4)),
          (a, "请问您的身份证后四位是多少？", g(0.2, 0.4)), (c, "后四位是三五一二。", g(0.2, 0.4)),
          (a, "您是想把丢失的银行卡挂失，对吗？", g(0.2, 0.4)), (c, "对。", g(0.2, 0.4)),
          (a, "已经帮您挂失了，新卡七天内寄到。", g(0.2, 0.4)), (c, _C["stim"], g(0.2, 0.4)),
          (a, "请问还有什么可以帮您？", g(0.2, 0.4)), (c, "没有了，谢谢。", g(0.2, 0.4)),
          (a, "感谢您的来电，再见。", g(0.2, 0.4))]),
        ("t6_impatient", "food delivery, cold food; the agent is impatient (禁语 我不是说了吗), no apology; "
         "restated problem, offer, farewell", ("f4", 50, 170), ("m4", 45, 150),
         [(a, "您好，外卖客服，请问有什么可以帮您？", 0.0),
          (c, "我点的外卖送到的时候全凉了，你们怎么处理？", g()),
          (a, "您是说外卖送到的时候凉了，是吗？", g()), (c, "是啊，都没法吃了，你们要给个说法。", g()),
          (a, "我不是说了吗，这个要联系商家处理。", g()), (c, _C["uk"], g()),
          (a, "还有其他问题吗？", g()), (c, "没有了。", g()), (a, "再见。", g())]),
        ("t7_deadair", "water bill query; an 18 s silence with no notice and no thanks; otherwise "
         "everything said but an apology (nothing went wrong)", ("f5", 55, 150), ("m5", 40, 150),
         [(a, "您好，自来水公司客服，很高兴为您服务。", 0.0),
          (c, "我想查一下上个月的水费是多少。", g()), (a, "请提供一下您的户号。", g()),
          (c, "户号是八八一二零三。", g()), (a, "您是想查询上个月的水费，对吗？", g()),
          (c, _C["bj"], g()), (a, "您上个月的水费是四十二元。", 18.0),
          (a, "请问还有什么可以帮您？", g()), (c, "没有了，谢谢。", g()),
          (a, "感谢您的来电，祝您生活愉快，再见。", g())]),
        ("t8_interrupts", "electricity, a double charge, apology; the agent starts before the customer "
         "finishes, twice (−0.6 s, −0.9 s)", ("f2", 70, 155), ("m7", 40, 145),
         [(a, "您好，电力客服，请问有什么可以帮您？", 0.0),
          (c, "我这个月的电费被扣了两次，多扣了一百多块钱。", g()),
          (a, "请问您的户号是多少？", -0.6), (c, "户号是三三零七九一。", g()),
          (a, "您是说电费重复扣了两次，对吗？", g()), (c, _C["haus"], g()),
          (a, "非常抱歉，多扣的电费三个工作日内退回。", -0.9),
          (a, "请问还有其他问题吗？", g()), (c, "没有了。", g()), (a, "感谢您的来电，再见。", g())]),
    ]
    return voiced_calls(plans)


def fourth_calls(seed: int = 2713) -> list[Call]:
    """A fourth set (``eval/asr_calls.py --set fourth``), written after rulebook 2026.12.05 to measure it on calls
    no decision has seen: eight service calls in the third set's way (customers in a second espeak voice who say
    what the agent restates), other scripts and voice settings, and real clips other than the one the first three
    sets reuse most (llamacpp_sample.wav is left out). Committed before anything was transcribed or scored."""
    g = gaps(seed)
    a, c = "agent", "customer"
    plans = [
        ("u1_gas_full", "gas; everything said: greeting, 户号, restated problem, apology, hold notice + 14 s + thanks, "
         "offer, farewell", ("f5", 50, 150), ("m4", 45, 145),
         [(a, "您好，燃气公司客服，很高兴为您服务，请问有什么可以帮您？", 0.0),
          (c, "我家燃气表昨天开始不走字了，做饭都没有气。", g()),
          (a, "请提供一下您的户号。", g()), (c, "户号是三零七七一二。", g()),
          (a, "您是说燃气表不走字了，家里没有气，对吗？", g()), (c, "对。", g()),
          (a, "给您带来不便，非常抱歉，请您稍等，我帮您查一下。", g()),
          (a, "感谢您的耐心等待，维修师傅下午两点上门。", 14.0), (c, _C["gz"], g()),
          (a, "请问还有什么可以帮您？", g()), (c, "没有了，谢谢。", g()),
          (a, "感谢您的来电，祝您生活愉快，再见。", g())]),
        ("u2_phone_nofarewell", "mobile plan; nothing went wrong; the call ends on the customer, no farewell",
         ("f1", 55, 160), ("m7", 50, 150),
         [(a, "您好，移动客服，请问有什么可以帮您？", 0.0),
          (c, "我想把现在的套餐换成流量多一点的。", g()),
          (a, "请问您的手机尾号是多少？", g()), (c, "尾号是二八六四。", g()),
          (a, "您是想换一个流量更多的套餐，对吗？", g()), (c, _C["run"], g()),
          (a, "已经帮您换好了，下个月生效。", g()), (a, "请问还有其他问题吗？", g()), (c, "没有了。", g())]),
        ("u3_ticket_blame", "train ticket refund; the agent blames the customer (这是您自己的问题), no apology",
         ("f4", 65, 155), ("m1", 40, 150),
         [(a, "您好，票务客服，请问有什么可以帮您？", 0.0),
          (c, "我买的火车票退不了，页面一直显示失败。", g()),
          (a, "请提供一下订单号。", g()), (c, "订单号是九五二七三一。", g()),
          (a, "您是说火车票退票一直失败，是吗？", g()), (c, "是的。", g()),
          (a, "这是您自己的问题，已经过了退票时间了。", g()), (c, _C["stim"], g()),
          (a, "还有其他问题吗？", g()), (c, "没有了。", g()), (a, "再见。", g())]),
        ("u4_clinic_shortgaps", "clinic booking; every gap 0.2–0.4 s; nothing went wrong, no restatement",
         ("f2", 55, 165), ("m5", 45, 160),
         [(a, "您好，很高兴为您服务，请问有什么可以帮您？", 0.0),
          (c, "我想预约明天上午的牙科。", g(0.2, 0.4)),
          (a, "请问就诊人的姓名和身份证后四位是多少？", g(0.2, 0.4)), (c, "姓李，后四位是六一二零。", g(0.2, 0.4)),
          (a, "已经帮您预约好了，明天上午九点。", g(0.2, 0.4)), (c, _C["man"], g(0.2, 0.4)),
          (a, "请问还有什么可以帮您？", g(0.2, 0.4)), (c, "没有了，谢谢。", g(0.2, 0.4)),
          (a, "感谢您的来电，再见。", g(0.2, 0.4))]),
        ("u5_rental_deadair", "car rental deposit not returned; a 17 s silence with no notice and no thanks",
         ("f5", 70, 145), ("m7", 40, 145),
         [(a, "您好，租车客服，很高兴为您服务。", 0.0),
          (c, "我还车一个星期了，押金到现在还没有退给我。", g()),
          (a, "请问您的会员卡号是多少？", g()), (c, "卡号是八六零零四一。", g()),
          (a, "您是说押金一个星期了还没有退回，对吗？", g()), (c, _C["cosy"], g()),
          (a, "非常抱歉，押金今天已经退回了，一到三天到账。", 17.0),
          (a, "请问还有什么可以帮您？", g()), (c, "没有了。", g()), (a, "感谢您的来电，再见。", g())]),
        ("u6_insurance_interrupts", "insurance claim delayed, apology; the agent starts before the customer "
         "finishes, twice (−0.7 s, −0.8 s)", ("f1", 45, 150), ("m4", 50, 155),
         [(a, "您好，保险客服，请问有什么可以帮您？", 0.0),
          (c, "我的理赔申请交了半个月了还没有结果。", g()),
          (a, "请问您的保单号是多少？", -0.7), (c, "保单号是七三九九二零。", g()),
          (a, "您是说理赔半个月了还没有结果，对吗？", g()), (c, _C["uk"], g()),
          (a, "非常抱歉让您久等了，理赔已经审核通过，三个工作日到账。", -0.8),
          (a, "请问还有其他问题吗？", g()), (c, "没有了，谢谢。", g()), (a, "感谢来电，再见。", g())]),
        ("u7_property_rude", "property; water leak from upstairs; the agent is impatient (你听不懂吗) and does not "
         "apologise", ("f4", 50, 170), ("m1", 45, 150),
         [(a, "您好，物业服务中心，请问有什么可以帮您？", 0.0),
          (c, "楼上漏水漏到我家了，说了好几次都没人来处理。", g()),
          (a, "您是说楼上漏水到您家，一直没人处理，是吗？", g()), (c, "是啊，你们到底管不管？", g()),
          (a, "我说了要先联系楼上业主，你听不懂吗？", g()), (c, _C["just"], g()),
          (a, "还有其他事情吗？", g()), (c, "没有了。", g()), (a, "再见。", g())]),
        ("u8_school_nooffer", "school canteen card; a double charge, apology; no closing offer",
         ("f2", 65, 150), ("m5", 40, 150),
         [(a, "您好，校园一卡通客服，很高兴为您服务。", 0.0),
          (c, "我的饭卡今天中午被扣了两次钱。", g()),
          (a, "请提供一下您的卡号。", g()), (c, "卡号是五五一零八三。", g()),
          (a, "您是说饭卡中午重复扣了两次，对吗？", g()), (c, _C["bj"], g()),
          (a, "真是抱歉，多扣的钱已经退回到您的卡里了。", g()),
          (c, "好的，谢谢。", g()), (a, "感谢您的来电，再见。", g())]),
    ]
    return voiced_calls(plans)


def telephone(x: np.ndarray) -> np.ndarray:
    from asr import telephone as _telephone  # eval/asr.py

    return _telephone(x)


def write_pcm16(path: Path, channels: list[np.ndarray]) -> Path:
    """16 kHz 16-bit PCM WAV."""
    import wave

    data = np.clip(np.stack(channels, axis=1), -1, 1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes((data * 32767).astype("<i2").tobytes())
    return path


def write_ulaw(path: Path, channels: list[np.ndarray]) -> Path:
    """8 kHz μ-law WAV (what a G.711 recorder writes) from 16 kHz float channels."""
    import av
    from scipy.signal import resample_poly

    data = np.stack([resample_poly(np.clip(c, -1, 1), 1, 2) for c in channels])
    layout = "mono" if len(channels) == 1 else "stereo"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("pcm_mulaw", rate=8000, layout=layout)
        frame = av.AudioFrame.from_ndarray((np.clip(data, -1, 1) * 32767).astype("<i2").T.reshape(1, -1)
                                           if len(channels) > 1 else (data * 32767).astype("<i2"),
                                           format="s16", layout=layout)
        frame.sample_rate = 8000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    return path
