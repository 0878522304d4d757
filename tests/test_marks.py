"""Stamps and signatures as ink boxes (intake/marks.py): a stamp's frame is found even where a signature
is written across it, and a signature alone is never taken for a framed stamp. Drawn with OpenCV at
300 dpi, in a stamp's faint grey ink."""
import cv2
import numpy as np
import pytest

from intake.ink import find_marks

PAGE = (3508, 2481)                     # A4 at 300 dpi, rows x columns
STAMP = (800, 1600, 1480, 1810)         # x0, y0, x1, y1


def page(frame: bool, signature: bool, tilt_deg: float = 0.8) -> np.ndarray:
    image = np.full(PAGE, 255, np.uint8)
    if frame:
        x0, y0, x1, y1 = STAMP
        centre, size = ((x0 + x1) / 2, (y0 + y1) / 2), (x1 - x0, y1 - y0)
        corners = cv2.boxPoints((centre, size, tilt_deg)).astype(np.int32)
        cv2.polylines(image, [corners], True, 120, 4, cv2.LINE_AA)
        for row, text in enumerate(("SERWIS SP. Z O.O.", "UL. DLUGA 5, 30-001 KRAKOW", "NIP 123-456-32-18")):
            cv2.putText(image, text, (x0 + 60, y0 + 60 + 55 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 140, 2, cv2.LINE_AA)
    if signature:                       # a scribble that starts left of the stamp and runs across its side
        points = np.array([(600, 1790), (700, 1650), (760, 1800), (850, 1620), (930, 1790), (1000, 1700),
                           (560, 1815)], np.int32)
        cv2.polylines(image, [points], False, 20, 5, cv2.LINE_AA)
    return image


def framed(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    return [m.box for m in find_marks(image, cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), ()) if m.framed]


@pytest.mark.parametrize("tilt_deg", [0.0, 0.8, -1.5])
def test_a_stamp_with_a_signature_across_its_side_is_found(tilt_deg):
    [box] = framed(page(frame=True, signature=True, tilt_deg=tilt_deg))
    x0, y0, x1, y1 = STAMP
    assert abs(box[0] - x0) < 60 and abs(box[2] - x1) < 60 and abs(box[1] - y0) < 60 and abs(box[3] - y1) < 60


def test_a_stamp_alone_is_found_once():
    assert len(framed(page(frame=True, signature=False))) == 1


def test_a_signature_alone_is_no_framed_stamp():
    assert framed(page(frame=False, signature=True)) == []


def test_a_coloured_signature_among_dots_is_handwriting_and_a_stamps_print_is_not():
    from verify.signatures import _handwriting, _stamp_like
    image = np.full(PAGE, 255, np.uint8)
    rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    points = np.array([(600, 1790), (700, 1650), (760, 1800), (850, 1620), (930, 1790), (1000, 1700), (1060, 1760)],
                      np.int32)
    cv2.polylines(rgb, [points], False, (20, 40, 170), 5, cv2.LINE_AA)
    for x in range(560, 1120, 24):       # the specks of a dotted signature line left about it
        cv2.circle(rgb, (x, 1830), 3, (20, 40, 170), -1)
    # A stamp's print in the same blue: many letters, no long stroke.
    for row, text in enumerate(("SERWIS AGD SP. Z O.O.", "UL. DLUGA 5, 30-001 KRAKOW", "NIP 123-456-32-18")):
        cv2.putText(rgb, text, (1500, 1660 + 42 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (20, 40, 170), 2, cv2.LINE_AA)
    marks = find_marks(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), rgb, ())
    [signature] = [m for m in marks if m.box[0] < 1200]
    [stamp] = [m for m in marks if m.box[0] > 1400]
    assert signature.colored and signature.components >= 15 and _handwriting(signature)
    assert stamp.colored and _stamp_like(stamp) and not _handwriting(stamp)


def test_a_round_stamp_in_grey_is_a_stamp_and_a_looping_signature_is_not():
    from verify.signatures import _stamp_like
    image = np.full(PAGE, 255, np.uint8)
    centre = (900, 1800)
    cv2.circle(image, centre, 200, 120, 4, cv2.LINE_AA)
    cv2.circle(image, centre, 140, 120, 3, cv2.LINE_AA)
    for angle in range(0, 360, 15):      # the ring of small letters between the circles
        x = int(centre[0] + 170 * np.cos(np.radians(angle)))
        y = int(centre[1] + 170 * np.sin(np.radians(angle)))
        cv2.putText(image, "A", (x - 8, y + 8), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 120, 2, cv2.LINE_AA)
    cv2.putText(image, "NIP 123-456-32-18", (760, 1810), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 120, 2, cv2.LINE_AA)
    # A signature with a big loop, well away from the stamp.
    cv2.ellipse(image, (1800, 1800), (150, 120), 0, 20, 330, 30, 5, cv2.LINE_AA)
    cv2.polylines(image, [np.array([(1650, 1800), (1700, 1950), (2000, 1900)], np.int32)], False, 30, 5, cv2.LINE_AA)
    marks = find_marks(image, cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), ())
    [stamp] = [m for m in marks if m.box[0] < 1300]
    [signature] = [m for m in marks if m.box[0] > 1500]
    assert stamp.framed and _stamp_like(stamp)
    assert not signature.framed and not _stamp_like(signature)


def grey_stamp_over_a_name(signature: bool, stamp_grey: int = 130) -> np.ndarray:
    """A printed name in black with a round grey stamp pressed over it, and perhaps a black signature
    drawn across both."""
    image = np.full(PAGE, 255, np.uint8)
    cv2.putText(image, "Jan Kowalski", (700, 1700), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3, cv2.LINE_AA)
    cv2.putText(image, "Wlasciciel", (700, 1760), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2, cv2.LINE_AA)
    cv2.circle(image, (900, 1700), 170, stamp_grey, 5, cv2.LINE_AA)
    cv2.circle(image, (900, 1700), 120, stamp_grey, 3, cv2.LINE_AA)
    for row, text in enumerate(("SERWIS AGD", "NIP 123-456-32-18", "KRAKOW")):
        cv2.putText(image, text, (790, 1640 + 50 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.9, stamp_grey, 2, cv2.LINE_AA)
    for i, letter in enumerate("SERWIS AGD JAN KOWALSKI * KRAKOW *"):     # the ring's own print
        angle = np.pi * (0.75 + 1.5 * i / 34)
        x, y = int(900 + 145 * np.cos(angle)) - 10, int(1700 + 145 * np.sin(angle)) + 10
        cv2.putText(image, letter, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, stamp_grey, 2, cv2.LINE_AA)
    if signature:
        points = np.array([(640, 1660), (720, 1560), (800, 1680), (880, 1540), (960, 1690), (1040, 1580),
                           (1120, 1670)], np.int32)
        cv2.polylines(image, [points], False, 10, 6, cv2.LINE_AA)
    return image


def test_a_black_signature_across_a_grey_stamp_is_found_as_handwriting():
    from verify.signatures import _handwriting
    image = grey_stamp_over_a_name(signature=True)
    marks = find_marks(image, cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), ())
    # The stamp and the signature merge into one blot of many pieces; the signature is found in it
    # on its own, without the stamp's lower half.
    signatures = [m for m in marks if _handwriting(m)]
    assert signatures and all(600 <= m.box[0] and m.box[2] <= 1180 and 1500 <= m.box[1] and m.box[3] <= 1730
                              for m in signatures)


def test_a_grey_stamp_over_a_printed_name_without_a_signature_is_no_handwriting():
    from verify.signatures import _handwriting, _stamp_like
    image = grey_stamp_over_a_name(signature=False)
    marks = find_marks(image, cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), ())
    assert any(_stamp_like(m) for m in marks) and not any(_handwriting(m) for m in marks)


def test_print_under_a_grey_stamp_is_kept_and_the_stamp_whitened():
    from intake.ink import half_page
    from intake.under_stamps import print_left, stamp_places, without_stamps
    image = grey_stamp_over_a_name(signature=False)
    rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    [place] = stamp_places(half_page(image, rgb))
    assert place[0] <= 700 and place[2] >= 1060 and place[1] <= 1560 and place[3] >= 1840
    assert print_left(image, rgb, place, ())
    grey = np.count_nonzero((image > 100) & (image < 200))
    assert grey > 5000                                                       # the stamp's grey ...
    for clear in without_stamps(image, image, rgb, [place]):               # ... gone every way;
        assert np.count_nonzero((clear > 100) & (clear < 200)) < 0.1 * grey
        assert np.count_nonzero(clear < 60) >= 0.9 * np.count_nonzero(image < 60)   # the print kept


def test_a_stamp_as_black_as_print_is_not_read_under():
    # A fax: everything is black, nothing tells the stamp from the print beneath it.
    from intake.ink import half_page
    from intake.under_stamps import print_left, stamp_places
    image = grey_stamp_over_a_name(signature=False, stamp_grey=0)
    rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    assert not [p for p in stamp_places(half_page(image, rgb)) if print_left(image, rgb, p, ())]


def pale_round_stamp(grey: int) -> np.ndarray:
    """A round stamp in a grey paler than any ink (190: what a dirty scan keeps of a light stamp)."""
    image = np.full(PAGE, 255, np.uint8)
    cv2.circle(image, (900, 1800), 200, grey, 3, cv2.LINE_AA)
    cv2.circle(image, (900, 1800), 145, grey, 2, cv2.LINE_AA)
    cv2.putText(image, "NIP 123-456-32-18", (760, 1810), cv2.FONT_HERSHEY_SIMPLEX, 0.8, grey, 2, cv2.LINE_AA)
    return image


def test_a_round_stamp_too_pale_to_count_as_ink_is_still_a_framed_stamp():
    from verify.signatures import _stamp_like
    marks = find_marks(pale_round_stamp(190), cv2.cvtColor(pale_round_stamp(190), cv2.COLOR_GRAY2RGB), ())
    assert any(m.framed and _stamp_like(m) for m in marks)


def test_a_pale_loop_that_does_not_close_is_no_stamp():
    image = np.full(PAGE, 255, np.uint8)
    cv2.ellipse(image, (900, 1800), (200, 190), 0, 30, 300, 190, 3, cv2.LINE_AA)
    assert not any(m.framed for m in find_marks(image, cv2.cvtColor(image, cv2.COLOR_GRAY2RGB), ()))
