"""Cases given as JSON text (str or bytes): text that is not JSON is one tenet.InputError at "$"
with the byte offset of the fault; what JSON allows is read at its path (issue 12)."""

import json

import pytest

import tenet

GOOD = '{"as_of": "1999-06-01", "household": {"size": 3}}'


def malformed(weld, text):
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(text)
    assert e.value.path == "$"
    assert len(e.value.errors) == 1, e.value.errors
    assert e.value.message.startswith("invalid JSON at offset %d " % e.value.offset), e.value.message
    return e.value


@pytest.mark.parametrize("text", [GOOD + "\0garbage", GOOD + "\0" + GOOD, (GOOD + "\0").encode()])
def test_a_nul_byte_is_rejected_not_the_end_of_the_text(weld, text):
    error = malformed(weld, text)
    assert error.offset == len(GOOD)
    assert "NUL byte" in error.message


def test_the_syntax_error_comes_alone_with_its_offset(weld):
    # before: "a case is a JSON object, not an array" first, and .path and the message about it
    error = malformed(weld, "[1,]")
    assert error.offset == 3
    text = '{"as_of": "1999-06-01", "household": {"sise": 3}, "x": tru}'
    error = malformed(weld, text)
    assert error.offset == text.index("tru}") + 3
    assert "unknown key" not in str(error)
    # an offset is only for text that is not JSON
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate({"as_of": "1999-06-01", "household": {"sise": 3}})
    assert e.value.offset is None


def test_invalid_utf8_is_an_input_error_at_its_offset(weld):
    head = b'{"as_of": "1999-06-01", "household": {"family_type": "'
    error = malformed(weld, head + b'\xe9t\xe9"}}')   # Latin-1, not UTF-8
    assert error.offset == len(head)
    assert "ill-formed UTF-8" in error.message
    # a str holding a lone surrogate is not Unicode text: an InputError too, not a UnicodeEncodeError
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate(head.decode() + '\udce9"}}')
    assert e.value.path == "$"


def test_huge_numbers_are_reported_at_their_path(weld):
    for number, message in [("1e400", "`1e400` is too large for an integer"),
                            ("1.5e+9999", "`1.5e+9999` is too large for an integer"),
                            ("1e-400", "`1e-400` is not a whole number")]:
        with pytest.raises(tenet.InputError) as e:
            weld.evaluate('{"as_of": "1999-06-01", "household": {"size": %s}}' % number)
        assert (e.value.path, e.value.message, e.value.offset) == ("$.household.size", message, None)


def test_whole_numbers_written_with_exponents_are_ints(weld):
    out = weld.evaluate('{"as_of": "1999-06-01", "household": {"size": 3e0}}', decisions=["eligible"])
    expected = weld.evaluate(GOOD, decisions=["eligible"])
    assert out == expected


def test_an_escaped_nul_in_a_key_is_quoted_escaped(weld):
    with pytest.raises(tenet.InputError) as e:
        weld.evaluate('{"as_of": "1999-06-01", "a\\u0000b": 1}')
    assert e.value.path == '$["a\\u0000b"]'
    assert e.value.message.startswith("unknown key `a\\u0000b`")
    assert "\0" not in str(e.value)
    assert json.loads(e.value.path[2:-1]) == "a\0b"   # the path holds the key as a JSON string
