-- Drives flowlint's language server from Neovim's built-in client (headless), then
-- writes what the editor got to $FLOWLINT_OUT as JSON for tests/lsp_neovim.rs.
local root = os.getenv("FLOWLINT_WS")
local bin = os.getenv("FLOWLINT_BIN")
local out = os.getenv("FLOWLINT_OUT")
local result = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/flow.yaml"))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "flowlint",
    cmd = { bin, "lsp" },
    root_dir = root,
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local got = vim.wait(30000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  result.waited_for_diagnostics = got
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then
      code = d.user_data.lsp.code
    end
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, message = d.message, code = code, severity = d.severity,
    })
  end
  local uri = vim.uri_from_bufnr(buf)
  local function at(line, character)
    return { textDocument = { uri = uri }, position = { line = line, character = character } }
  end
  -- Completion after `!KeyOf ` on the binding's `stage:` line.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local keyof_line, keyof_col
  for i, line in ipairs(lines) do
    local s = line:find("!KeyOf ", 1, true)
    if s and line:find("stage:", 1, true) then
      keyof_line, keyof_col = i - 1, s + 6
    end
  end
  result.keyof = { line = keyof_line, col = keyof_col }
  local completion = vim.lsp.buf_request_sync(buf, "textDocument/completion",
    at(keyof_line, keyof_col), 20000)
  result.completion = {}
  for _, response in pairs(completion or {}) do
    local items = response.result or {}
    items = items.items or items
    for _, item in ipairs(items) do
      table.insert(result.completion, item.label)
    end
  end
  local definition = vim.lsp.buf_request_sync(buf, "textDocument/definition",
    at(keyof_line, keyof_col + 2), 20000)
  result.definition = {}
  for _, response in pairs(definition or {}) do
    for _, location in ipairs(response.result or {}) do
      table.insert(result.definition, location)
    end
  end
end)
if not ok then
  table.insert(result.errors, tostring(err))
end
finish()
