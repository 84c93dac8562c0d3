#!/usr/bin/env python3
"""Reads an MSPDI file we exported with MPXJ (the library ProjectLibre and many tools
use) and checks that it sees the same tasks (with their progress), links, calendars,
resources and assignments as the file holds.

    python3 -m venv /tmp/mpxj && /tmp/mpxj/bin/pip install mpxj jpype1
    planwright export WS --as mspdi --out plan.xml
    /tmp/mpxj/bin/python scripts/mpxj_readback.py plan.xml

Needs a JDK (java on PATH). Exits 1 and lists the differences when there are any.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"p": "http://schemas.microsoft.com/project"}
LINK_TYPES = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}


def text(el, name, default=""):
    child = el.find(f"p:{name}", NS)
    return child.text if child is not None and child.text is not None else default


def from_file(path):
    root = ET.parse(path).getroot()
    tasks, links = {}, set()
    for t in root.iterfind("p:Tasks/p:Task", NS):
        uid = int(text(t, "UID", "-1"))
        if uid <= 0 or text(t, "IsNull") == "1":
            continue
        tasks[uid] = (text(t, "Name"), text(t, "Start")[:16], text(t, "Finish")[:16],
                      int(text(t, "PercentComplete", "0")),
                      text(t, "ActualStart")[:16], text(t, "ActualFinish")[:16])
        for l in t.iterfind("p:PredecessorLink", NS):
            lag_minutes = round(int(text(l, "LinkLag", "0")) / 10)
            links.add((int(text(l, "PredecessorUID")), uid,
                       LINK_TYPES[text(l, "Type", "1")], lag_minutes))
    calendars = {text(c, "Name") for c in root.iterfind("p:Calendars/p:Calendar", NS)}
    resources = {int(text(r, "UID")) for r in root.iterfind("p:Resources/p:Resource", NS)
                 if int(text(r, "UID", "0")) > 0}
    assignments = {(int(text(a, "TaskUID")), int(text(a, "ResourceUID")))
                   for a in root.iterfind("p:Assignments/p:Assignment", NS)
                   if int(text(a, "ResourceUID", "-1")) > 0}
    return tasks, links, calendars, resources, assignments


def from_mpxj(path):
    import jpype
    import mpxj  # noqa: F401  (puts the MPXJ jars on the class path)

    jpype.startJVM()
    from org.mpxj import TimeUnit
    from org.mpxj.reader import UniversalProjectReader

    project = UniversalProjectReader().read(path)
    props = project.getProjectProperties()
    minute = lambda d: round(d.convertUnits(TimeUnit.MINUTES, props).getDuration())
    stamp = lambda t: str(t)[:16] if t is not None else ""
    tasks, links = {}, set()
    for t in project.getTasks():
        uid = t.getUniqueID()
        if uid is None or uid.intValue() <= 0 or t.getNull():
            continue
        uid = uid.intValue()
        pct = t.getPercentageComplete()
        tasks[uid] = (str(t.getName()), stamp(t.getStart()), stamp(t.getFinish()),
                      int(round(pct.doubleValue())) if pct is not None else 0,
                      stamp(t.getActualStart()), stamp(t.getActualFinish()))
        for r in t.getPredecessors():
            links.add((r.getPredecessorTask().getUniqueID().intValue(), uid,
                       str(r.getType()), minute(r.getLag())))
    calendars = {str(c.getName()) for c in project.getCalendars()}
    resources = {r.getUniqueID().intValue() for r in project.getResources()
                 if r.getUniqueID() is not None and r.getUniqueID().intValue() > 0}
    assignments = {(a.getTask().getUniqueID().intValue(), a.getResource().getUniqueID().intValue())
                   for a in project.getResourceAssignments() if a.getResource() is not None}
    return tasks, links, calendars, resources, assignments


def main():
    path = sys.argv[1]
    ours, theirs = from_file(path), from_mpxj(path)
    names = ["tasks", "links", "calendars", "resources", "assignments"]
    problems = []
    for name, a, b in zip(names, ours, theirs):
        if a != b:
            if isinstance(a, dict):
                diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}
            else:
                diff = {"only in the file": sorted(a - b)[:5], "only in MPXJ": sorted(b - a)[:5]}
            problems.append(f"{name}: {str(diff)[:600]}")
    started = sum(1 for t in ours[0].values() if t[4])
    print(f"{path}: " + ", ".join(f"{len(x)} {n}" for n, x in zip(names, ours))
          + f", {started} started")
    for p in problems:
        print("  differs:", p)
    print("MPXJ reads the same" if not problems else "MPXJ reads something else")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
