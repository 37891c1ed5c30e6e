# lit configuration for qsvtc: one suite over test/<Stage>/ folders.
import os
import lit.formats

config.name = "qsvtc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".qtf", ".mlir", ".json"]
config.excludes = ["Inputs", "Install", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unit", "data"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qsvtc_obj_root, "test")

tools = config.qsvtc_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [tools, os.path.dirname(config.filecheck), config.environment.get("PATH", "")])
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%examples", os.path.join(config.qsvtc_src_root, "examples")))
config.substitutions.append(("%data", os.path.join(config.qsvtc_src_root, "test", "data")))

# The OpenQASM 3 reference grammar (test/grammar/): its parser is generated
# once into the build tree with Debian's antlr4 and run with Debian's
# python3 (its python3-antlr4 matches; a pip runtime may not). Without
# them the grammar tests are UNSUPPORTED, and this says why.
def setup_qasm3_grammar():
    import shutil, subprocess
    grammar = os.path.join(config.qsvtc_src_root, "test", "grammar")
    parser = os.path.join(config.qsvtc_obj_root, "test", "qasm3-parser")
    python = "/usr/bin/python3"
    if not os.path.exists(python) or subprocess.run(
            [python, "-c", "import antlr4"], capture_output=True).returncode != 0:
        return "Debian's python3-antlr4 is not installed"
    generated = os.path.join(parser, "qasm3Parser.py")
    sources = [os.path.join(grammar, g) for g in ("qasm3Lexer.g4", "qasm3Parser.g4")]
    if not os.path.exists(generated) or any(
            os.path.getmtime(g) > os.path.getmtime(generated) for g in sources):
        run = subprocess.run(["sh", os.path.join(grammar, "generate-parser.sh"), parser],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return run.stderr.strip() or "generate-parser.sh failed"
    config.available_features.add("qasm3-grammar")
    config.substitutions.append(("%qasm3-check", "%s %s --parser-dir %s" % (
        python, os.path.join(grammar, "qasm3-syntax-check.py"), parser)))
    config.substitutions.append(("%grammar", grammar))
    return None

skipped = setup_qasm3_grammar()
if skipped:
    lit_config.note("OpenQASM 3 reference-grammar tests skipped (UNSUPPORTED): " + skipped)
