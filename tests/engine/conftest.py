from __future__ import annotations

import warnings

import pytest

from hamstring_dx.reasoning.assess import network_for
from hamstring_dx.reasoning.xmlbif import write_xmlbif


def pgmpy_engine(net, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgmpy.inference import VariableElimination
        from pgmpy.readwrite import XMLBIFReader
    path = tmp_path_factory.mktemp("xmlbif") / "net.xml"
    write_xmlbif(net, path)
    model = XMLBIFReader(str(path)).get_model()
    model.check_model()
    return VariableElimination(model)


@pytest.fixture(scope="session")
def pgmpy_toy(toy_kb, tmp_path_factory):
    return pgmpy_engine(network_for(toy_kb), tmp_path_factory)
