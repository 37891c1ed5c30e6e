% QSPPACK peer driver for bench/run-qsp-bench.sh (GNU Octave).
%
%   QSPPACK_DIR=... octave-cli -q bench/peers/qsppack_case.m POLY.json OUT.json METHOD
%
% METHOD is QSPPACK's opts.method: 'INFFT' (Weiss completion + inverse
% nonlinear FFT, QSP_Weiss_INFFT) or 'Newton' (QSP_Newton). Reads the
% Chebyshev coefficients qsp-case solved (its --dump-poly file), calls
% QSP_solver(coef(parity+1:2:end), parity, opts) with opts.targetPre = true
% and opts.typePhi = 'full', timing only that call (tic/toc), and writes
% QSPPACK's full phases, untouched, with 17 significant digits:
%
%   {"peer": "qsppack", "method": M, "convention": "qsppack-full",
%    "phases": [...], "seconds": t, "iterations": k,
%    "solver_residual": r, "peak_rss_mb": m}
%
% (QSPPACK's full phases with targetPre = true are qsvtc's; qsp-phases
% --check certifies them.) QSPPACK is not modified.
1;

function mb = peak_rss_mb()
  mb = NaN;
  fid = fopen('/proc/self/status', 'r');
  if fid < 0, return; end
  while true
    l = fgetl(fid);
    if ~ischar(l), break; end
    if strncmp(l, 'VmHWM:', 6)
      mb = sscanf(l(7:end), '%f') / 1024;
    end
  end
  fclose(fid);
end

% A timeout's SIGTERM must not leave an octave-workspace core file in the
% current directory.
crash_dumps_octave_core(false);
sighup_dumps_octave_core(false);
sigterm_dumps_octave_core(false);

args = argv();
if numel(args) ~= 3
  fprintf(2, 'usage: qsppack_case.m POLY.json OUT.json INFFT|Newton\n');
  exit(2);
end
root = getenv('QSPPACK_DIR');
solver_dir = fullfile(root, 'Solvers', 'Optimization');
if isempty(root) || ~exist(fullfile(solver_dir, 'QSP_solver.m'), 'file')
  fprintf(2, 'qsppack_case: error: no %s (set QSPPACK_DIR)\n', ...
          fullfile(solver_dir, 'QSP_solver.m'));
  exit(2);
end
addpath(solver_dir);

poly = jsondecode(fileread(args{1}));
coef = poly.coef(:);
if iscell(coef)
  coef = cellfun(@(c) str2double(c), coef);
end
d = numel(coef) - 1;
parity = mod(d, 2);
method = args{3};

opts = struct();
opts.method = method;
opts.targetPre = true;
opts.typePhi = 'full';
opts.criteria = 1e-12;   % QSP_Newton: l1 norm of the coefficient residual
opts.maxiter = 50;       % QSP_Newton (default 1e5)
opts.print = 0;
opts.useReal = true;
opts.eta = 0.5;          % QSP_Weiss_INFFT: lower bound of 1 - max|p| (qsp-case's families have max|p| <= 1/2)
opts.Weiss_thd = 1e-24;  % QSP_Weiss_INFFT: relative squared tail of a (default 1e-10)

t0 = tic;
[phi, out] = QSP_solver(coef(parity+1:2:end), parity, opts);
seconds = toc(t0);

fid = fopen(args{2}, 'w');
fprintf(fid, '{"peer": "qsppack", "method": "%s", "convention": "qsppack-full", ', method);
fprintf(fid, '"degree": %d, "seconds": %.6f, "iterations": %d, ', ...
        numel(phi) - 1, seconds, out.iter);
fprintf(fid, '"solver_residual": %.6e, "peak_rss_mb": %.1f, "phases": [', ...
        out.value, peak_rss_mb());
fprintf(fid, '%.17g, ', phi(1:end-1));
fprintf(fid, '%.17g]}\n', phi(end));
fclose(fid);
