"""What tenet.load lets a ruleset read: `extends` and `import` stay inside the root file's folder
unless include_roots= names more folders; absolute paths and escapes are CompileErrors at the path,
and the refused file is never quoted."""

import pytest

import tenet

LIBRARY = 'library shared\nparameter base: money = $8,240 cite "HHS"\n'
COUNTY = 'ruleset county\nimport "../shared/lib.tenet"\ndecision d: money cite "x" = base\n'


def test_a_folder_outside_needs_an_include_root(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "lib.tenet").write_text(LIBRARY)
    (tmp_path / "county").mkdir()
    root = tmp_path / "county" / "county.tenet"
    root.write_text(COUNTY)
    with pytest.raises(tenet.CompileError) as e:
        tenet.load(root)
    assert (e.value.line, e.value.column) == (2, 8)
    assert "`../shared/lib.tenet` leads outside the ruleset's folder" in str(e.value)
    rs = tenet.load(root, include_roots=[tmp_path / "shared"])
    assert rs.evaluate({"as_of": "1999-06-01"})["decisions"]["d"] == "8240.00"
    rs = tenet.load_source(str(root), COUNTY, include_roots=[str(tmp_path / "shared")])
    assert "d" in rs.decisions


def test_absolute_paths_are_refused_and_not_quoted(tmp_path):
    root = tmp_path / "t.tenet"
    root.write_text('ruleset t\nextends "/etc/passwd"\n')
    with pytest.raises(tenet.CompileError) as e:
        tenet.load(root, include_roots=["/"])
    assert (e.value.line, e.value.column) == (2, 9)
    assert "is an absolute path" in str(e.value)
    assert "root:" not in str(e.value)


def test_include_roots_is_a_list(tmp_path):
    with pytest.raises(tenet.Error):
        tenet.load(tmp_path / "t.tenet", include_roots=str(tmp_path))
