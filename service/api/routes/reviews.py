"""Reviewers mark machine findings correct/incorrect (机检正确/不正确); the call is re-scored."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from service import audit
from service.api.deps import CurrentUser, InspectorDep, QaUser, SessionDep
from service.api.routes.common import AUTH_ERRORS, INVALID, NOT_FOUND, visible_conversation
from service.corrections import correct
from service.models import Review
from service.schemas import ReviewIn, ReviewOut

router = APIRouter(prefix="/conversations/{conversation_id}/reviews", tags=["reviews"])


def review_out(r: Review, score_before: float | None = None,
               score_after: float | None = None) -> ReviewOut:
    return ReviewOut(id=r.id, conversation_id=r.conversation_id, finding=r.finding,
                     verdict=r.verdict, value_before=r.value_before, value_after=r.value_after,
                     comment=r.comment, reviewer=r.reviewer, from_version=r.from_version,
                     to_version=r.to_version, score_before=score_before,
                     score_after=score_after, created_at=r.created_at)


@router.post("", response_model=ReviewOut, status_code=201,
             summary="Review a machine finding; the call is re-scored",
             responses={**AUTH_ERRORS, **NOT_FOUND, **INVALID})
def create_review(conversation_id: str, body: ReviewIn, session: SessionDep,
                  inspector: InspectorDep, user: QaUser) -> ReviewOut:
    """'incorrect' overturns the finding (default: flips its value), 'correct' confirms
    it (a doubtful finding then counts). Both versions stay readable."""
    row = visible_conversation(session, conversation_id, user, for_update=True)
    fix = correct(session, inspector, row, body.finding, wrong=body.verdict == "incorrect",
                  value=body.value, actor=user.actor, reason="review",
                  note={"by": user.actor, "verdict": body.verdict, "comment": body.comment})
    review = Review(conversation_id=row.id, finding=body.finding, verdict=body.verdict,
                    value_before=fix.value_before, value_after=fix.value_after,
                    comment=body.comment, reviewer=user.actor, from_version=fix.from_version,
                    to_version=fix.to_version)
    session.add(review)
    session.flush()
    audit.append(session, actor=user.actor, action="review.created",
                 subject=f"conversation:{row.id}", payload={
                     "review_id": review.id, "finding": body.finding, "verdict": body.verdict,
                     "value_before": fix.value_before, "value_after": fix.value_after,
                     "comment": body.comment, "from_version": fix.from_version,
                     "to_version": fix.to_version, "score_before": fix.score_before,
                     "score_after": fix.score_after})
    session.commit()
    return review_out(review, fix.score_before, fix.score_after)


@router.get("", response_model=list[ReviewOut], summary="A conversation's reviews",
            responses={**AUTH_ERRORS, **NOT_FOUND})
def list_reviews(conversation_id: str, session: SessionDep, user: CurrentUser) -> list[ReviewOut]:
    visible_conversation(session, conversation_id, user)
    return [review_out(r) for r in session.scalars(
        select(Review).where(Review.conversation_id == conversation_id).order_by(Review.id))]
