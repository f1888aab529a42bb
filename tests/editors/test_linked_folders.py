"""A folder under cases/ that is a symbolic link (git keeps links: one can arrive in a
pull request) is an error of the check, and no command that writes follows it out of the
project: a security review found ``new``, ``import``, ``approve`` and ``clean-photos``
writing, and rewriting a photo, where ``cases/湖北省`` pointed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.editors.conftest import run
from tests.support.project import write_case


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_no_command_writes_through_a_linked_folder_out_of_the_project(project, tmp_path_factory, capsys):
    from docx import Document

    outside = tmp_path_factory.mktemp("outside")  # another folder on the machine
    write_case(project / "cases", "gz-kept-2024-001", 0)
    case = write_case(outside, "bj-far-2024-001", 3, status="review", review=None, folder="湖北省")
    (outside / "湖北省" / "bj-far-2024-001" / "photo2.jpg").write_bytes((case.parent / "photo1.jpg").read_bytes())
    write_case(outside, "bj-far-2024-002", 3, folder="湖北省")  # published
    (project / "cases" / "湖北省").symlink_to(outside / "湖北省", target_is_directory=True)
    before = _digests(outside)

    code, out, err = run(["check"], capsys)
    assert code == 1 and "cases/湖北省:1: error [symlink]" in out and "git rm cases/湖北省）" in out, out + err

    new = ["new", "--no-input", "--title", "银龄互助守望空巢老人", "--org", "武汉市江岸区老年人协会", "--category", "社区事务类"]
    new += ["--theme", "便民服务", "--province", "湖北省", "--city", "武汉市", "--date", "2024-03-05"]
    code, out, err = run(new, capsys)
    said = "cases/湖北省 是一个链接（符号链接），指向案例文件夹以外的"
    assert code == 1 and said in err and "这次什么也没有改动" in err and "Traceback" not in err, out + err

    document = Document()
    document.add_paragraph("银龄合唱团申报材料")
    table = document.add_table(rows=0, cols=2)
    for label, value in (
        ("案例名称", "江岸区“银龄合唱团”唱响幸福晚年"),
        ("组织名称", "江岸区银龄合唱团"),
        ("所在地区", "湖北省武汉市江岸区"),
        ("实践主题", "精神文化"),
        ("组织类别", "文体活动类"),
        ("开展时间", "2024年3月5日"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph("合唱团成立于2019年，团员60人，每周排练两次。")
    document.save(str(project / "合唱团.docx"))
    code, out, err = run(["import", "合唱团.docx"], capsys)
    assert code == 1 and said in out + err and "Traceback" not in err, out + err

    code, out, err = run(["approve", "cases/湖北省/bj-far-2024-001", "--reviewer", "越秀区民政局"], capsys)
    assert code == 1 and said in out + err, out + err
    code, out, err = run(["withdraw", "cases/湖北省/bj-far-2024-002", "--reviewer", "越秀区民政局", "--reason", "组织已注销。"], capsys)
    assert code == 1 and said in out + err, out + err
    code, out, err = run(["clean-photos", "cases/湖北省/bj-far-2024-001/photo2.jpg"], capsys)
    assert code == 1 and said in out + err, out + err

    assert _digests(outside) == before  # nothing written, nothing rewritten there
    # a link inside the cases folder itself (another province's folder) takes no one out: new writes there
    shutil.rmtree(outside / "湖北省")
    (project / "cases" / "湖北省").unlink()
    (project / "cases" / "湖北省").symlink_to(project / "cases" / "广东省", target_is_directory=True)
    code, out, err = run(new, capsys)
    assert code == 0 and any((project / "cases" / "广东省").glob("*/index.md")), out + err


def test_a_link_to_itself_is_said_not_a_traceback_and_a_linked_cases_folder_is_the_site_s_own(project, tmp_path_factory, capsys):
    """A review: a link that leads to itself (cases/湖北省 -> 湖北省) ended ``new`` and
    ``clean-photos`` in a RuntimeError traceback, and the check said nothing of it; and with
    the cases folder itself a link (a deployment's choice), clean-photos refused every photo."""
    (project / "cases" / "湖北省").symlink_to("湖北省")
    code, out, err = run(["check"], capsys)
    assert code == 1 and "cases/湖北省:1: error [symlink] 湖北省 是一个链接" in out, out + err
    new = ["new", "--no-input", "--title", "银龄互助守望空巢老人", "--org", "武汉市江岸区老年人协会", "--category", "社区事务类"]
    code, out, err = run([*new, "--theme", "便民服务", "--province", "湖北省", "--city", "武汉市", "--date", "2024-03-05"], capsys)
    assert code == 1 and "cases/湖北省 是一个链接（符号链接），指向它自己（循环的链接）" in err and "Traceback" not in err, out + err
    (project / "cases" / "湖北省").unlink()
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "cases"
    shutil.move(str(project / "cases"), elsewhere)
    (project / "cases").symlink_to(elsewhere, target_is_directory=True)
    case = write_case(project / "cases", "gz-kept-2024-001", 0)
    code, out, err = run(["clean-photos", "--dry-run", str(case.parent.relative_to(project))], capsys)
    assert code == 0 and "是一个链接" not in out + err, out + err
