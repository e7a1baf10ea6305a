-- Headless Neovim (0.7+) as a real LSP client of wiga-language-server.
-- Env: WIGA_SERVER (server.js), WIGA_ROOT (workspace), WIGA_TS / WIGA_TF / WIGA_JSON (files), WIGA_OUT (results JSON).
local results = { steps = {} }
local function record(name, value) results.steps[name] = value end
local function finish(code)
  local f = io.open(os.getenv('WIGA_OUT'), 'w')
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd('cquit ' .. code)
end
local ok_all, err = pcall(function()
  local root = os.getenv('WIGA_ROOT')
  local client_id = vim.lsp.start_client({
    name = 'wiga',
    cmd = { 'node', os.getenv('WIGA_SERVER'), '--stdio' },
    root_dir = root,
    init_options = { wiga = { minSeverity = 'info' }, workspaceTrusted = false },
  })
  assert(client_id, 'start_client failed')
  local function diags_of(bufnr)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), source = d.source, severity = d.severity, message = d.message })
    end
    return out
  end
  local function open(path)
    vim.cmd('edit ' .. path)
    local bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
    return bufnr
  end
  local function wait_code(bufnr, code, present)
    return vim.wait(20000, function()
      for _, d in ipairs(diags_of(bufnr)) do if d.code == code then return present end end
      return not present
    end, 50)
  end

  -- 1. TypeScript: the exact 's3:*' literal.
  local ts = open(os.getenv('WIGA_TS'))
  record('ts_ready', wait_code(ts, 'no-wildcard-action', true))
  record('ts_diagnostics', diags_of(ts))
  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(ts)
  local target
  for _, d in ipairs(vim.diagnostic.get(ts)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'no-wildcard-action' then target = d end
  end
  assert(target, 'no wildcard diagnostic')
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = target.lnum, character = target.col + 2 } }, 10000, ts)
  record('hover', hover and hover.result and hover.result.contents and hover.result.contents.value or vim.inspect(hover))
  local range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } }
  local lsp_diag = vim.tbl_extend('keep', { range = range, message = target.message, source = target.source, severity = target.severity }, (target.user_data and target.user_data.lsp) or {}, { code = 'no-wildcard-action' })
  local ca = client.request_sync('textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = { diagnostics = { lsp_diag } } }, 10000, ts)
  local titles, narrow = {}, nil
  for _, a in ipairs(ca.result or {}) do
    table.insert(titles, a.title)
    if not narrow and a.title:match('^Narrow s3:%* to its Read actions') then narrow = a end
  end
  record('code_actions', titles)
  assert(narrow, 'no narrowing action')
  vim.lsp.util.apply_workspace_edit(narrow.edit, client.offset_encoding or 'utf-16')
  record('ts_line_after_fix', vim.api.nvim_buf_get_lines(ts, target.lnum, target.lnum + 1, false)[1]:sub(1, 160))
  record('ts_cleared', wait_code(ts, 'no-wildcard-action', false))
  record('ts_after_fix', diags_of(ts))

  -- 2. Terraform HCL.
  local tf = open(os.getenv('WIGA_TF'))
  record('tf_ready', wait_code(tf, 'no-wildcard-action', true))
  record('tf_diagnostics', diags_of(tf))

  -- 3. IAM policy JSON.
  local json = open(os.getenv('WIGA_JSON'))
  record('json_ready', wait_code(json, 'no-wildcard-action', true))
  record('json_diagnostics', diags_of(json))

  -- 4. Clean shutdown.
  vim.lsp.stop_client(client_id)
  record('stopped', vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50))
end)
if not ok_all then
  results.error = tostring(err)
  finish(3)
else
  finish(0)
end
