# lit configuration for qsvtc: one suite over test/<Stage>/ folders.
import os
import lit.formats

config.name = "qsvtc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".qtf", ".mlir", ".json"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "data"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qsvtc_obj_root, "test")

tools = config.qsvtc_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [tools, os.path.dirname(config.filecheck), config.environment.get("PATH", "")])
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%examples", os.path.join(config.qsvtc_src_root, "examples")))
config.substitutions.append(("%data", os.path.join(config.qsvtc_src_root, "test", "data")))
